"""Security headers Django does not set itself: a Content-Security-Policy chosen by path, and a
Permissions-Policy."""

from csp.middleware import CSPMiddleware
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, giving the admins (settings.ADMIN_PATH_PREFIXES) their own
    policy: Wagtail's and Django's admin pages run inline scripts and styles, which the public
    pages' policy (settings.CONTENT_SECURITY_POLICY) forbids."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.ADMIN_PATH_PREFIXES)
        ):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """Turn off browser features no page of the site uses (settings.PERMISSIONS_POLICY), so an
    injected script or embedded frame cannot ask for them either."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
