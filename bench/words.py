"""Words for the generated archive: a critic's vocabulary, names, titles and genres.

The real words come first and are drawn most often; a long tail of made-up words (built
from syllables, so they stem and index like words) gives full-text search rare terms.
"""

from __future__ import annotations

import random

#: A critic's vocabulary, by kind. The text generator draws them by a Zipf law in the order
#: of ``CRITIC_WORDS``: a few words in nearly every review, most in some.
NOUNS = """
story character scene camera moment life love world screen light night time heart
family face voice music picture audience actor actress career comedy drama feeling
sense city house year history dream ache anger appetite argument balance beauty
bitterness breath ceremony chaos charm comfort confession courage craft cruelty danger
desire despair detail distance doubt edge effort ending energy escape evening faith
fear fever fire flourish fortune freedom friendship fury ghost glamour grace grief
habit hope humor hunger illusion instinct irony journey joy kindness labor laughter
longing loss madness magic memory mercy mood mystery nerve noise obsession pace pain
patience pleasure poetry power pride promise rage regret rhythm risk ritual romance
sadness secret silence sorrow spectacle spirit surprise suspense tenderness terror
texture threat triumph trouble truth violence warmth weather wonder wound youth
""".split()
ADJECTIVES = """
beautiful strange quiet funny tender sharp patient bold restless familiar ambitious
brilliant clumsy earnest elegant fragile generous gentle grim honest intimate lovely
lush modest naked nervous odd plain precise rare raw rich sad shrewd slow solemn sly
stark sweet tense tidy vivid warm weary wild wistful astonishing bruising dazzling
deadpan devastating dreamy exhilarating gorgeous haunting hypnotic luminous melancholy
mesmerizing moving muted playful poignant ravishing rueful searing shapeless sprawling
stirring stylish sumptuous swooning tart thrilling understated unhurried unsettling wry
""".split()
FILM_TERMS = """
cinematography editing score screenplay dialogue montage close-up frame shot sequence
soundtrack script plot premise setting cast ensemble lead role debut sequel remake
franchise genre thriller musical western documentary animation satire melodrama noir
epic fable parable portrait sketch study elegy studio festival theater premiere
release running minutes rating stars verdict
""".split()
VERBS = """
builds carries earns fills finds follows gives holds keeps lands leaves makes moves
opens pays plays pulls pushes reaches returns sells sets shows sings speaks stays
takes tells turns wants watches wins works wanders lingers shimmers stumbles soars
sags drifts glows crackles hums aches
""".split()


def critic_words() -> list[str]:
    """Every word above, most frequent first: ``performance`` among the first few (the
    benchmark searches it as the common word), the rest in a fixed shuffled order."""
    rest = sorted({*NOUNS, *ADJECTIVES, *FILM_TERMS, *VERBS} - {"film", "performance"})
    random.Random(5).shuffle(rest)
    return ["film", "director", "performance", *rest]


CRITIC_WORDS = critic_words()

_ONSETS = """b br c cl cr d dr f fl fr g gl gr h j k l m n p pl pr qu r s sc sh sl sn st
t th tr v w z""".split()
_VOWELS = "a e i o u ai ea ee ie oa ou au".split()
_CODAS = ["", "", "", "n", "r", "l", "s", "nd", "st", "m"]


def made_up_words(count: int, rng: random.Random, exclude: set[str]) -> list[str]:
    """``count`` distinct pronounceable non-words of two or three syllables."""
    words: list[str] = []
    seen = set(exclude)
    while len(words) < count:
        syllables = rng.choice((2, 2, 2, 3))
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
        )
        if word not in seen and len(word) > 4:
            seen.add(word)
            words.append(word)
    return words


#: Words the text generator sprinkles between content words, as English does.
FUNCTION_WORDS = """the the the a a of of and and in to with its is as for that
but on at by from this his her their it an into than""".split()

FIRST_NAMES = """
Emma Ryan Mahershala Naomi Tilda Oscar Greta Adam Lupita Joaquin Saoirse Viola
Anna Ben Carla David Elena Frank Grace Henry Irene Jack Kate Leo Maria Noah Olive
Paul Queenie Rosa Sam Tessa Umar Vera Walter Xenia Yusuf Zoe Alice Bruno Clara
Dmitri Esther Felix Gloria Hugo Ingrid Jonah Keiko Luis Mira Nils Orla Pedro
Rachel Simon Tamar Ulla Victor Wendy Yara Amir Beatrix Cyrus Delphine Ezra
Frida Gabriel Hana Idris Julia Kofi Lena Marco Nadia Omar Priya Quentin Ruth
Sofia Theo Ursula Vivian Willem Yasmin Ada Bao Chiara Diego Elsa Farid Gemma
Hector Isla Jamal Kira Lars Maya Nina Otto Petra Raj Selma Tomas Una Vikram
Wanda Ximena Yuki Zane Agnes Basil Celine Dario Edie Flora Gus Hattie Ivo June
""".split()

LAST_NAMES = """
Stone Ali Watts Swinton Isaac Gerwig Driver Phoenix Ronan Davis Abbott Baker
Castillo Dunne Ellison Fischer Garner Hayes Ibarra Jensen Kowalski Lindqvist
Moreau Nakamura Okafor Petrov Quinlan Rossi Santos Takahashi Underwood Varga
Whitaker Xu Yilmaz Zimmerman Alvarez Brennan Chowdhury Delgado Eriksen Fontaine
Gallagher Hartmann Iqbal Jovanovic Kaplan Laurent Mendes Novak Oyelaran Park
Quiroga Ramirez Schultz Tanaka Ulrich Vasquez Weber Yamada Zhou Ahmed Bianchi
Costa Dubois Espinoza Ferrari Grant Holm Ito Jackson Kim Lopez Murphy Nguyen
Olsen Patel Reyes Silva Torres Vogel Walsh Young Zeller Archer Blake Carver
Dalton Everett Flynn Graves Hollis Irving Jarrett Keller Langley Mercer Nolan
Osborne Pryce Radcliffe Sterling Thorne Vance Whitlock Ashby Brandt Crowley
Drummond Eastman Fairfax Goodwin Hargreave Ingram Joyce Kendrick Lowell Marsh
Norwood Prescott Rowan Sinclair Tate Voss Winslow Abernathy Bellamy Calloway
Devereux Ellsworth Fitzgerald Galloway Hawthorne Lockhart Montague Pemberton
Quartermaine Ravenscroft Sutherland Templeton Wetherby Okonkwo Adeyemi Mensah
Haddad Karimi Rahman Sato Suzuki Watanabe Kobayashi Moreno Navarro Romero
Herrera Medina Aguilar Ortega Castro Vargas Ramos Gil Serrano Molina Blanco
""".split()

#: The person the benchmark searches for, and misspells. Not drawn by the generator.
BUSY_PERSON = ("Ryan", "Gosling")

GENRES = [
    "Drama", "Comedy", "Musical", "Thriller", "Horror", "Documentary", "Romance",
    "Science fiction", "Animation", "Western", "Crime", "War", "Fantasy", "Mystery",
    "Family", "Adventure", "Biography", "History", "Sport", "Action",
]  # fmt: skip

DISTRIBUTORS = [
    "Lionsgate", "A24", "Neon", "Focus Features", "Paramount", "Netflix", "Universal",
    "Warner Bros.", "Sony Pictures Classics", "IFC Films", "Magnolia", "Searchlight",
    "Janus Films", "Kino Lorber", "Music Box", "Bleecker Street", "Amazon MGM", "Apple",
]  # fmt: skip

OTHER_JOBS = [
    "Production designer", "Costume designer", "Casting director", "Art director",
    "Set decorator", "Sound designer", "Visual effects supervisor", "Makeup artist",
    "Choreographer", "Stunt coordinator", "Music supervisor", "Location manager",
]  # fmt: skip

TITLE_NOUNS = """Night Land River House Summer Winter City Garden Road Harbor Mirror
Letter Secret Season Storm Island Bridge Voice Heart Shadow Light Stranger Window
Ocean Field Mountain Kingdom Machine Daughter Son Wedding Funeral Party Dream Ghost
Fire Orchard Station Hotel Circus Frontier Silence Echo Fever Promise Harvest""".split()
TITLE_ADJECTIVES = """Last Long Quiet Little Lost Golden Broken Hidden Silent Wild
Distant Burning Blue Red Empty Endless Secret Small Sweet Bitter Hollow Final First
Lonely Electric Northern Southern Sudden Gentle Savage Paper Glass Iron""".split()
PLACES = """Paris Lisbon Harlem Memphis Tangier Kyoto Naples Oslo Tulsa Marfa Lagos
Havana Detroit Berlin Mumbai Galway Seoul Reno Odessa Brooklyn""".split()
