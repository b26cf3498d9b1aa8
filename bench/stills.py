"""Time the stills pipeline: one 24-megapixel JPEG into all its renditions, and the photo
desk's upload of a batch of ten. Figures are printed and written to bench/results/.

Runs against a throwaway SQLite database and media folder, never the developer's own.
Usage: `make bench` (or `.venv/bin/python bench/stills.py --runs 3 --batch-megapixels 12`).
"""

import argparse
import io
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def configure(scratch: Path) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DJANGO_SECRET_KEY": "bench-only-not-a-secret",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"sqlite:///{scratch / 'bench.sqlite3'}",
            "DJANGO_MEDIA_ROOT": str(scratch / "media"),
            "NEWSROOM_TASKS_BACKEND": "immediate",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def photograph(width: int, height: int, seed: int = 0) -> bytes:
    """A JPEG that encodes like a photograph: gradients with grain, not a flat colour."""
    from PIL import Image

    grain = Image.effect_noise((width // 4, height // 4), 48 + seed).resize((width, height))
    red = Image.linear_gradient("L").resize((width, height))
    blue = red.transpose(Image.Transpose.ROTATE_90).resize((width, height))
    image = Image.merge("RGB", (red, grain, blue))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def seconds(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def summary(samples: list[float]) -> dict:
    return {
        "median_s": round(statistics.median(samples), 3),
        "min_s": round(min(samples), 3),
        "max_s": round(max(samples), 3),
        "runs": len(samples),
    }


def bench_processing(content: bytes, runs: int) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings

    from reviews.models import Photo
    from reviews.stills import services
    from reviews.stills.processing import make_renditions, prepare_original

    prepare, render = [], []
    count = 0
    for _ in range(runs):
        upload = SimpleUploadedFile("big.jpg", content, "image/jpeg")
        prepare.append(seconds(lambda upload=upload: prepare_original(upload)))
        photo = Photo(caption="Bench.", credit_line="Bench", alt_text="Bench.")
        with override_settings(TASKS={"default": {"BACKEND": DUMMY}}):  # timed apart below
            services.save_still(photo, SimpleUploadedFile("big.jpg", content, "image/jpeg"))
        render.append(seconds(lambda photo=photo: make_renditions(photo)))
        count = photo.renditions.count()
    return {
        "clean_original": summary(prepare),
        "all_renditions": summary(render),
        "renditions_made": count,
    }


def bench_batch(contents: list[bytes], runs: int) -> dict:
    from django.contrib.auth.models import Group, User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client, override_settings

    user, _ = User.objects.get_or_create(username="bench-desk", defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name="Photo desk"))
    client = Client()
    client.force_login(user)

    def post() -> None:
        data = {"stills-TOTAL_FORMS": str(len(contents)), "stills-INITIAL_FORMS": "0"}
        for n, content in enumerate(contents):
            data |= {
                f"stills-{n}-image": SimpleUploadedFile(f"still-{n}.jpg", content, "image/jpeg"),
                f"stills-{n}-caption": f"Bench still {n}.",
                f"stills-{n}-credit_line": "Bench/Studio",
                f"stills-{n}-alt_text": "Grain and gradients.",
            }
        response = client.post("/desk/upload/", data)
        assert response.status_code == 200, response.status_code

    deferred = []
    with override_settings(TASKS={"default": {"BACKEND": DUMMY}}):
        for _ in range(runs):
            deferred.append(seconds(post))
    immediate = [seconds(post) for _ in range(runs)]
    return {
        "request_with_renditions_queued": summary(deferred),
        "request_with_renditions_made_inline": summary(immediate),
    }


DUMMY = "django_tasks.backends.dummy.DummyBackend"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch-megapixels", type=int, default=12, choices=[6, 12, 24])
    args = parser.parse_args()
    sizes = {6: (3000, 2000), 12: (4000, 3000), 24: (6000, 4000)}
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as scratch:
        configure(Path(scratch))
        import PIL

        big = photograph(6000, 4000)
        batch = [photograph(*sizes[args.batch_megapixels], seed=n) for n in range(10)]
        results = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "pillow": PIL.__version__,
                "platform": platform.platform(),
            },
            "processing_24mp_jpeg": {"bytes": len(big), **bench_processing(big, args.runs)},
            "upload_batch_of_ten": {
                "megapixels_each": args.batch_megapixels,
                "bytes_total": sum(len(c) for c in batch),
                **bench_batch(batch, args.runs),
            },
        }
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    path = RESULTS / f"stills-{stamp}.json"
    path.write_text(json.dumps(results, indent=2) + "\n")
    processing = results["processing_24mp_jpeg"]
    batch_results = results["upload_batch_of_ten"]
    lines = [
        f"24 MP JPEG ({processing['bytes'] / 2**20:.1f} MiB):",
        f"  clean original (validate, orient, strip): {processing['clean_original']['median_s']} s",
        f"  all {processing['renditions_made']} renditions: "
        f"{processing['all_renditions']['median_s']} s",
        f"Batch of ten {args.batch_megapixels} MP JPEGs "
        f"({batch_results['bytes_total'] / 2**20:.1f} MiB), one request:",
        f"  renditions queued: {batch_results['request_with_renditions_queued']['median_s']} s",
        f"  renditions made inline: "
        f"{batch_results['request_with_renditions_made_inline']['median_s']} s",
        f"(medians of {args.runs} runs; all figures in {path.relative_to(ROOT)})",
    ]
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
