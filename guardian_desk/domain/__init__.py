"""Plain types, enums and validation rules shared by every layer."""
