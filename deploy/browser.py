"""The visitor's side of the deployment check (deploy/check.py): a browser over urllib that keeps
cookies, sends the CSRF token back with each form, posts files and can connect from another
local address; a sample image to upload; and reading what the checks need from the portal's
pages (a booth's status on the floor plan, the company form as it would be sent back).
"""

import functools
import http.client
import http.cookiejar
import io
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid


class Browser:
    """A visitor's browser: cookies, and the CSRF token sent back with each form."""

    def __init__(self, cookies=None, source=None):
        """`cookies`: another browser's, to go on as the same visitor (through another app);
        `source`: the address it connects from (any of 127.0.0.0/8 here), as another visitor."""
        self.cookies = cookies if cookies is not None else http.cookiejar.CookieJar()
        handlers = [urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()]
        if source:
            handlers.append(FromAddress(source))
        self.opener = urllib.request.build_opener(*handlers)

    def request(self, url, data=None, headers=None, content_type=None):
        body = None
        headers = dict(headers or {})
        if data is not None:
            body = data if isinstance(data, bytes) else urllib.parse.urlencode(data, doseq=True).encode()
            headers["Content-Type"] = content_type or "application/x-www-form-urlencoded"
            headers["Referer"] = url
        request = urllib.request.Request(url, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def csrf(self):
        return next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")

    def post_form(self, page_url, action_url, fields, files=None):
        """Open the form's page (for the CSRF cookie), then post it."""
        self.request(page_url)
        fields = {"csrfmiddlewaretoken": self.csrf(), **fields}
        if not files:
            return self.request(action_url, fields)
        body, content_type = multipart(fields, files)
        return self.request(action_url, body, content_type=content_type)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FromAddress(urllib.request.HTTPHandler):
    def __init__(self, source):
        super().__init__()
        self.source = source

    def http_open(self, req):
        return self.do_open(
            functools.partial(http.client.HTTPConnection, source_address=(self.source, 0)), req
        )


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{item}\r\n'.encode()
            )
    for name, (filename, content, mime) in files.items():
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {mime}\r\n\r\n".encode()
        )
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def png(colour):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 320), colour).save(buffer, "PNG")
    return buffer.getvalue()


def booth_status(html, code):
    """The floor plan's status of booth `code`, from its table row."""
    row = rf'<tr id="booth-{re.escape(code)}"[^>]*><th>[^<]*</th><td>[^<]*</td>'
    match = re.search(row + r'<td class="status-label status-(\w+)"', html)
    return match and match.group(1)


def company_fields(html):
    """The company form as the browser would send it back unchanged."""
    fields = {}
    for tag in re.findall(r"<(?:input|textarea|select)[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or name.group(1) in ("csrfmiddlewaretoken", "q", "logo", "logo-clear"):
            continue
        value = re.search(r'value="([^"]*)"', tag)
        if tag.startswith("<input") and 'type="checkbox"' in tag and "checked" not in tag:
            continue
        fields.setdefault(name.group(1), []).append(value.group(1) if value else "")
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        fields[name] = [text.strip()]
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        fields[name] = re.findall(r'<option value="([^"]*)"[^>]*selected', options)
    return fields
