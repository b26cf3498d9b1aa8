"""Films out as CSV or JSON in the very shape the importer reads, safe to open in a spreadsheet."""

import csv
import io

import pytest

from reviews.importing import import_films
from reviews.importing.exporting import export_csv, export_json
from reviews.models import Credit, Film, Person
from tests import factories

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1 (2013)", "-2+3", "@SUM(A1)", "\tTab"]


@pytest.mark.parametrize("text", FORMULAS)
def test_csv_export_neutralises_cells_a_spreadsheet_would_run_as_formulas(text):
    film = factories.FilmFactory(title=text, distributor=text)
    factories.CreditFactory(film=film, person=factories.PersonFactory(name=text), character="")

    rows = list(csv.reader(io.StringIO(export_csv(Film.objects.all()))))

    header, row = rows[0], rows[1]
    cells = dict(zip(header, row, strict=True))
    assert cells["title"] == f"'{text}"
    assert cells["distributor"] == f"'{text}"
    assert cells["cast"] == f"'{text}"
    assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for cell in row)


def test_a_neutralised_export_imports_back_to_the_same_text():
    film = factories.FilmFactory(title="=1+2", distributor="@Home Films", external_id="tt1")
    content = export_csv(Film.objects.all())
    Film.objects.all().delete()

    report = import_films(content.encode(), "films.csv")

    assert report.counts["created"] == 1
    film = Film.objects.get()
    assert (film.title, film.distributor) == ("=1+2", "@Home Films")


@pytest.mark.parametrize("exporter", [export_csv, export_json], ids=["csv", "json"])
def test_an_export_imports_back_unchanged(imported_la_la_land, exporter):
    content = exporter(Film.objects.all())

    report = import_films(content.encode(), f"films.{exporter.__name__[7:]}")

    assert report.counts == {"created": 0, "updated": 0, "unchanged": 2, "rejected": 0}


@pytest.mark.parametrize("exporter", [export_csv, export_json], ids=["csv", "json"])
def test_an_export_recreates_the_films_elsewhere(imported_la_la_land, exporter):
    content = exporter(Film.objects.all())
    before = {
        (c.film.title, c.person.name, c.role, c.character, c.job) for c in Credit.objects.all()
    }
    Film.objects.all().delete()
    Person.objects.all().delete()

    import_films(content.encode(), f"films.{exporter.__name__[7:]}")

    after = {
        (c.film.title, c.person.name, c.role, c.character, c.job) for c in Credit.objects.all()
    }
    assert after == before
    assert Film.objects.get(title="La La Land").running_time == 128


def test_export_costs_a_fixed_number_of_queries(imported_la_la_land, django_assert_num_queries):
    factories.CreditFactory.create_batch(5)

    with django_assert_num_queries(3):
        export_json(Film.objects.all())
