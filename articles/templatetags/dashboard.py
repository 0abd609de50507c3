from django import template

from articles.dashboard import panels_for

register = template.Library()


@register.simple_tag
def dashboard_panels(user):
    return panels_for(user)
