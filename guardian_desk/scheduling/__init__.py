"""Time: working days and holidays, availability, slots and visit plans."""
