"""A page that does as little as Django can, the yardstick of the benchmarks.

Only routed when NEWSDESK_BENCH_VIEWS=1 (see newsdesk/urls.py): `bench/` compares
the site's pages with it, served by the same workers and middleware.
"""

from django.http import HttpResponse


def bare(request):
    return HttpResponse(b"Hello", content_type="text/plain")
