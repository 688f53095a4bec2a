"""Alembic environment: always online, on the connection `store.migrate.upgrade` passes in."""

from __future__ import annotations

from alembic import context

from posyandu_desktop.store.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through posyandu_desktop.store.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them (Alembic batch mode)
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
