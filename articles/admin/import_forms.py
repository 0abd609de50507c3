"""Forms of the "Import wire copy" page: the copy itself, then the confirmation."""

from django import forms
from django.core import signing

from articles.wire.importer import MAX_BYTES, Refused, decode_copy

PASTED_NAME = "pasted copy"
_SALT = "articles.admin.import_copy"
# Long enough to read a preview over coffee, short enough that an old page
# left open does not create a draft days later.
_MAX_AGE = 60 * 60 * 6


def sign_copy(text, name):
    return signing.dumps({"text": text, "name": name}, salt=_SALT, compress=True)


class CopyForm(forms.Form):
    text = forms.CharField(
        label="Paste the copy",
        widget=forms.Textarea(attrs={"rows": 20, "cols": 100}),
        required=False,
        strip=False,
    )
    upload = forms.FileField(
        label="or upload a .txt file",
        required=False,
        # The importer's own message says why an empty file is refused.
        allow_empty_file=True,
    )

    def clean(self):
        data = super().clean()
        text, upload = data.get("text"), data.get("upload")
        if self.errors:
            return data
        if text and upload:
            raise forms.ValidationError("Paste the copy or upload a file, not both.")
        if not text and not upload:
            raise forms.ValidationError("Paste the copy or upload a file.")
        try:
            if upload:
                if upload.size > MAX_BYTES:
                    raise Refused(f"larger than {MAX_BYTES // 1024} KB")
                data["copy"], data["name"] = decode_copy(upload.read()), upload.name
            else:
                data["copy"], data["name"] = decode_copy(text.encode()), PASTED_NAME
        except Refused as error:
            raise forms.ValidationError(f"This copy cannot be imported: {error}.") from error
        return data


class ConfirmForm(forms.Form):
    signed = forms.CharField(widget=forms.HiddenInput)
    force = forms.BooleanField(
        label="Import it again although it was imported before", required=False
    )

    def clean_signed(self):
        try:
            return signing.loads(self.cleaned_data["signed"], salt=_SALT, max_age=_MAX_AGE)
        except signing.SignatureExpired as error:
            raise forms.ValidationError(
                "This preview is too old; preview the copy again."
            ) from error
        except signing.BadSignature as error:
            raise forms.ValidationError(
                "The copy was altered after the preview; preview it again."
            ) from error
