from pathlib import Path

from django.core.management import call_command
from django.test import override_settings

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_collectstatic_makes_hashed_compressed_files(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=PRODUCTION_STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)

    css = sorted(path.name for path in Path(tmp_path, "css").iterdir() if path.name.startswith("site."))
    assert len(css) == 4  # site.css, its hashed copy, and a .gz of each
    assert {name.rsplit(".", 1)[-1] for name in css} == {"css", "gz"}
    assert (tmp_path / "staticfiles.json").exists()


def test_no_stylesheet_or_script_loads_from_another_host():
    static = Path(__file__).resolve().parents[2] / "static"
    texts = [path.read_text() for path in static.rglob("*") if path.suffix in {".css", ".js"}]

    assert [text for text in texts if "url(http" in text or "@import" in text or "//cdn" in text] == []
