from django.http import Http404, HttpResponsePermanentRedirect

from entities.merging import redirect_target


class MergedRedirectMixin:
    """A merged record's address leads, permanently, to the record it became part of."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            target = redirect_target(self.get_queryset().model, kwargs["slug"])
            if target is None:
                raise
            return HttpResponsePermanentRedirect(target.get_absolute_url())
