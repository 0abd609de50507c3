"""The SQLite database file is the whole site, password hashes included: owner only."""

import os
import stat


def make_database_file_private(sender, connection, **kwargs):
    """`connection_created` receiver: a SQLite file (and its journals) readable by its owner only.

    SQLite creates the file with the process's umask, usually world-readable;
    its -wal and -shm files take the database file's permissions.
    """
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return
    for path in (name, f"{name}-wal", f"{name}-shm"):
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
            if mode & 0o077:
                os.chmod(path, mode & 0o700)
        except OSError:
            continue
