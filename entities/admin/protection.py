"""The admin's side of refusing to delete a record in use (see entities.protection):
what uses the record is listed, and the page points to merging it instead."""

from entities.protection import uses


class DeleteProtectionMixin:
    """The admin's delete page and bulk delete refuse a record in use, listing the uses."""

    delete_confirmation_template = "admin/entities/delete_in_use.html"
    delete_selected_confirmation_template = "admin/entities/delete_selected_in_use.html"

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        in_use = []
        for obj in objs:
            found = uses(obj)
            if found:
                in_use += [str(obj), found]
        if not in_use:
            return deleted, counts, perms_needed, protected
        # The admin refuses to delete whenever `protected` is not empty; the uses
        # say more than which permissions deleting them would also need.
        return deleted, counts, set(), in_use
