"""Storage: typed ORM models, engines and sessions, migrations."""
