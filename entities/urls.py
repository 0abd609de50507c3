app_name = "entities"
urlpatterns = []
