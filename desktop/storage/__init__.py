"""The SQLite project store: schema, migrations, lock, backups. Returns domain objects."""
