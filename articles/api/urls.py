from articles.api.api import api

# Included under "api/" by the site's URLconf, in the "api" namespace.
urlpatterns, app_name, _ = api.urls
app_name = "api"
