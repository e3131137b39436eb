"""The registries: a searchable, filterable, sortable table per kind of record."""
