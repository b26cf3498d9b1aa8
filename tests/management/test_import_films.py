"""manage.py import_films: one line when it stops, a report file, a progress bar on a terminal."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.helpers import LA_LA_LAND_ROW, csv_file, run_import

pytestmark = pytest.mark.django_db


def test_missing_file_stops_the_command(tmp_path):
    with pytest.raises(CommandError, match=r"nope\.csv: no such file$"):
        call_command("import_films", str(tmp_path / "nope.csv"))


def test_report_is_written_to_a_file(tmp_path):
    content = csv_file(LA_LA_LAND_ROW, "Broken,never,,,,,,,")
    report = tmp_path / "report.txt"

    run_import(tmp_path, content, "films.csv", "--report", str(report))

    lines = report.read_text().splitlines()
    assert lines[1:] == [
        'row 2: created "La La Land" (2016)',
        'row 3: rejected: release_date: cannot read "never" as a date',
        "films.csv: created 1, updated 0, unchanged 0, rejected 1",
    ]


def test_report_is_written_as_json_when_its_name_ends_in_json(tmp_path):
    report = tmp_path / "report.json"

    run_import(tmp_path, csv_file(LA_LA_LAND_ROW), "films.csv", "--report", str(report))

    data = json.loads(report.read_text())
    assert data["counts"] == {"created": 1, "updated": 0, "unchanged": 0, "rejected": 0}
    assert data["rows"][0]["outcome"] == "created"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("stderr", "shown"), [(Terminal(), True), (io.StringIO(), False)])
def test_progress_bar_only_on_a_terminal(tmp_path, monkeypatch, stderr, shown):
    monkeypatch.setattr("sys.stderr", stderr)

    run_import(tmp_path, csv_file("Moonlight,2016", header="title,year"))

    assert ("0/1 [" in stderr.getvalue()) is shown


def test_a_directory_is_refused_in_one_line(tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("import_films", str(tmp_path))
    assert str(refused.value) == f"{tmp_path}: not a file"
