"""One demo login per newsroom role, and the private file their passwords are kept in.

Passwords are random and exist in clear text only in that file: an account that
already exists is never given a new password unless asked to.
"""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from newsdesk import roles

LOGINS_FILENAME = "demo-logins.txt"


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    group: str | None = None
    superuser: bool = False

    @property
    def email(self):
        return f"{self.username}@example.org"


ACCOUNTS = [
    Account("admin", "superuser", superuser=True),
    Account("editor", "Editors", group=roles.EDITOR),
    Account("reporter", "Reporters", group=roles.REPORTER),
    Account("moderator", "Moderators", group=roles.MODERATOR),
]


def default_logins_path():
    return Path(settings.VAR_DIR) / LOGINS_FILENAME


def new_password():
    return secrets.token_urlsafe(12)


def ensure_accounts(reset_passwords=False):
    """The demo users by username, and the passwords set in this call.

    Missing accounts are created; existing ones are left exactly as they are,
    except for a new password when `reset_passwords` is set.
    """
    User = get_user_model()
    users, passwords = {}, {}
    for account in ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            passwords[account.username] = new_password()
            user = _create(account, passwords[account.username])
        elif reset_passwords:
            passwords[account.username] = _reset(user)
        users[account.username] = user
    return users, passwords


def reset_existing_passwords():
    """New passwords for the demo accounts that exist; creates none."""
    usernames = [account.username for account in ACCOUNTS]
    return {
        user.username: _reset(user)
        for user in get_user_model().objects.filter(username__in=usernames)
    }


def _create(account, password):
    User = get_user_model()
    if account.superuser:
        return User.objects.create_superuser(account.username, account.email, password)
    user = User.objects.create_user(account.username, account.email, password, is_staff=True)
    try:
        user.groups.add(Group.objects.get(name=account.group))
    except Group.DoesNotExist:
        raise LookupError(
            f'The "{account.group}" group is missing; the articles migrations create it.'
        ) from None
    return user


def _reset(user):
    password = new_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    return password


def read_logins(path):
    """Username to password, from a file written by `write_logins`; empty if there is none."""
    try:
        lines = Path(path).read_text().splitlines()
    except FileNotFoundError:
        return {}
    logins = {}
    for line in lines:
        fields = line.split()
        if len(fields) >= 2 and not line.startswith("#"):
            logins[fields[0]] = fields[1]
    return logins


def write_logins(path, passwords):
    """Merge `passwords` into the file, readable by its owner only."""
    path = Path(path)
    logins = {**read_logins(path), **passwords}
    lines = [
        "# Newsdesk demo logins: sign in at /admin/. Anyone who can read this can sign in.",
        "# username  password  role",
        *(
            f"{account.username:<10} {logins[account.username]}  {account.role}"
            for account in ACCOUNTS
            if account.username in logins
        ),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the final file and renamed over it, so a reader never
    # sees half a file and the password never sits in a world-readable one.
    partial = path.with_name(f".{path.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    os.chmod(partial, 0o600)
    os.replace(partial, path)
