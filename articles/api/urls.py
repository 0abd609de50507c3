from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, re_path, resolve

from articles.api.api import api

# Included under "api/" by the site's URLconf, in the "api" namespace.
urlpatterns, app_name, _ = api.urls
app_name = "api"


def not_found(request, rest=""):
    """Any other address under /api/: JSON for the partner's code, not the site's 404 page."""
    if not request.path.endswith("/"):
        try:
            resolve(request.path + "/")
        except Resolver404:
            pass
        else:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{query}" if query else "")
            )
    return JsonResponse(
        {"detail": "No such address in the API; see /api/docs/ for what there is."}, status=404
    )


urlpatterns = [*urlpatterns, re_path(r"^(?P<rest>.*)$", not_found, name="not_found")]
