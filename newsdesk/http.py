"""Plain HTTP details the WSGI server leaves to the application."""


class HeadWithoutBodyMiddleware:
    """Answers HEAD with the GET's headers and no body.

    Django renders a HEAD like a GET, and its WSGI handler passes the body on;
    gunicorn then drops it with a warning per request. The Content-Length stays
    that of the GET, as HTTP asks.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "HEAD":
            return response
        if response.streaming:
            # A file's own closer still runs when the server closes the response.
            response.streaming_content = []
        else:
            if "Content-Length" not in response:
                response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response
