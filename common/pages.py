"""A shared page as it is kept (its bodies, ETag and the versions of the data it was rendered
from), this process's memory of pages, and how a page is served (a 304, or the body in the
coding the client takes); common.pagecache decides when."""

import hashlib
import threading
import time
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from .middleware import accepts_gzip

# A proxy or CDN in front may keep a shared page this long; browsers revalidate every time
# (a 304 from the ETag is cheap), so a visitor never sees an older page than the proxy has.
PROXY_SECONDS = 60
CACHE_CONTROL = f"public, max-age=0, s-maxage={PROXY_SECONDS}"
# Below this size compressing costs more than it saves (as Django's GZipMiddleware decides).
MIN_COMPRESS_BYTES = 200
# A body this large is kept compressed only: a hit moves a megabyte, not twenty, and the rare
# client that takes no gzip gets it decompressed.
PLAIN_KEPT_BELOW = 256 * 1024
# zlib writes and reads the gzip format with these window bits.
GZIP_WBITS = 16 + zlib.MAX_WBITS
PIECE_BYTES = 64 * 1024


@dataclass
class Page:
    status: int
    content_type: str
    etag: str
    modified: float
    expires: float
    bodies: dict = field(default_factory=dict)  # content coding -> bytes ("identity", "gzip")
    headers: dict = field(default_factory=dict)
    versions: tuple = ()  # of the areas it shows, when it was rendered

    def is_fresh(self, versions):
        return self.versions == tuple(versions) and self.expires > time.time()

    @property
    def size(self):
        return sum(len(body) for body in self.bodies.values())


class LocalPages:
    """Least recently used pages of this process, up to a number of bytes."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.pages = OrderedDict()
        self.bytes = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            page = self.pages.get(key)
            if page is None:
                return None
            if page.expires <= time.time():
                self._drop(key)
                return None
            self.pages.move_to_end(key)
            return page

    def put(self, key, page):
        if page.size > self.max_bytes // 4:
            return
        with self.lock:
            if key in self.pages:
                self._drop(key)
            self.pages[key] = page
            self.bytes += page.size
            while self.bytes > self.max_bytes:
                self._drop(next(iter(self.pages)))

    def clear(self):
        with self.lock:
            self.pages.clear()
            self.bytes = 0

    def _drop(self, key):
        self.bytes -= self.pages.pop(key).size


def page_from(response, ttl, versions):
    """The page a response makes; a streaming response is read a piece at a time and compressed
    as it comes, so that a 20 MB export never sits whole in memory."""
    pieces = response.streaming_content if response.streaming else [response.content]
    digest = hashlib.sha256()
    # No secret is on a shared page, so there is nothing for BREACH to recover: plain gzip.
    compressor = zlib.compressobj(6, zlib.DEFLATED, GZIP_WBITS)
    compressed, plain, size = [], [], 0
    for piece in pieces:
        digest.update(piece)
        size += len(piece)
        compressed.append(compressor.compress(piece))
        if size < PLAIN_KEPT_BELOW:
            plain.append(piece)
    compressed.append(compressor.flush())
    page = Page(
        status=response.status_code,
        content_type=response["Content-Type"],
        etag=digest.hexdigest()[:32],
        modified=time.time(),
        expires=time.time() + ttl,
        versions=tuple(versions),
        headers={
            name: response[name]
            for name in ("Content-Disposition", "X-Robots-Tag")
            if response.has_header(name)
        },
    )
    if size >= MIN_COMPRESS_BYTES:
        page.bodies["gzip"] = b"".join(compressed)
    if size < PLAIN_KEPT_BELOW:
        page.bodies["identity"] = b"".join(plain)
    return page


def _decompressed(body):
    """A gzip body's content, a piece at a time (for the rare client that takes no gzip)."""
    decompressor = zlib.decompressobj(GZIP_WBITS)
    for start in range(0, len(body), PIECE_BYTES):
        yield decompressor.decompress(body[start : start + PIECE_BYTES])
    yield decompressor.flush()


def serve(request, page):
    """The page for this request: 304 when the client's copy is current (by ETag, or by date
    when it sends no ETag), else the body in the best coding the client accepts."""
    etag = f'W/"{page.etag}"'
    coding = "gzip" if "gzip" in page.bodies and accepts_gzip(request) else "identity"
    content = page.bodies.get(coding)
    if content is None:
        response = StreamingHttpResponse(
            _decompressed(page.bodies["gzip"]), content_type=page.content_type, status=page.status
        )
    else:
        response = HttpResponse(content, content_type=page.content_type, status=page.status)
    if coding != "identity":
        response["Content-Encoding"] = coding
    for name, value in page.headers.items():
        response[name] = value
    response["ETag"] = etag
    response["Last-Modified"] = http_date(page.modified)
    response["Cache-Control"] = CACHE_CONTROL
    patch_vary_headers(response, ("Accept-Encoding",))
    return get_conditional_response(request, etag=etag, last_modified=int(page.modified), response=response)
