"""Use cases: one function per officer action. Each takes a Session, writes its audit rows in
the same transaction and never commits: the caller's unit of work does (db.engine.session_scope).
"""
