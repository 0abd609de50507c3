"""Media on S3-compatible object storage, for a site served from several hosts.

Chosen in settings when MEDIA_S3_BUCKET is set. Renditions are public and
content-addressed: their addresses carry no signature (the same on every page
and every host, so browsers and CDNs keep them) and the objects are stored
with a year's Cache-Control. Original uploads keep their camera metadata and
are only ever linked (in the admin) with short-lived signed addresses; the
bucket must let anyone read `renditions/*` and nothing else (see the README).
"""

from storages.backends.s3 import S3Storage

PUBLIC_PREFIX = "renditions/"
PUBLIC_CACHE = "public, max-age=31536000, immutable"


class MediaS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        if self.custom_domain or not str(name).startswith(PUBLIC_PREFIX):
            return super().url(name, parameters, expire, http_method)
        params = {
            **(parameters or {}),
            "Bucket": self.bucket.name,
            "Key": self._normalize_name(name),
        }
        return self.unsigned_connection.meta.client.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=self.querystring_expire
        )

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        if name.startswith(PUBLIC_PREFIX):
            parameters.setdefault("CacheControl", PUBLIC_CACHE)
        else:
            parameters.setdefault("CacheControl", "private, no-cache")
        return parameters
