"""Claim extraction for the factuality checks: numbers, dates, names and quotations.

Most inputs are verbatim snippets of summaries in the dev data (row id cited): PTB-tokenized,
lower-cased and raw text as systems really produce them.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.evaluation.claims import (
    dates,
    is_cased,
    name_mentions,
    numbers,
    numbers_agree,
    quotations,
)


def values(text: str) -> list[tuple[str, float, bool]]:
    return [(claim.text, claim.value, claim.percent) for claim in numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # frank-35082344-BERTS2S
        (
            "google has pledged $ 1bn ( £800m ) to research",
            [("$ 1bn", 1e9, False), ("£800m", 8e8, False)],
        ),
        # frank-646cba2e8b30945a2079ec4c671740d5db5676e2-bert_sum
        ("lyrics for $ 1.2 million to an unnamed buyer .", [("$ 1.2 million", 1.2e6, False)]),
        # frank-2d4ca8fe13f3481241a85bd750cdb7159edd097a-s2s
        ("taxpayers , who own 80 per cent of the bank", [("80 per cent", 80.0, True)]),
        # frank-33652722-PtGen
        ("has risen by almost 50% in the last decade", [("50%", 50.0, True)]),
        # frank-41988ddd925836d77f1c4a0ee59f2e0ff103ab90-bus
        ("bueno played for derby on loan five years ago", [("five", 5.0, False)]),
        # frank-36968311-BERTS2S (XSum's tokenizer puts a space after the thousands comma)
        ("a campaign to raise £50, 000 for british troops", [("£50, 000", 50000.0, False)]),
        (
            "two-thirds of voters and twenty-five seats",
            [("two-thirds", 2 / 3, False), ("twenty-five", 25.0, False)],
        ),
        ("an unprecedented fifth term", [("fifth", 5.0, False)]),
        ("the 28-year-old scored in the 88th minute", [("28", 28.0, False), ("88th", 88.0, False)]),
    ],
)
def test_numbers_with_units_and_scale(text: str, expected: list[tuple[str, float, bool]]) -> None:
    assert values(text) == expected


def test_years_times_and_one_are_not_quantities() -> None:
    # frank-c053b3ec1ecee6e3d282936ba388753fc44aef99-bart: a year is a date, not a number.
    assert values("was found dead in her brisbane home in march 2013 .") == []
    assert values("at 10:30 one of the men left") == []


@pytest.mark.parametrize(
    ("claimed", "stated", "agree"),
    [
        (1.5e6, 1.46e6, True),  # rounding to the claimed precision
        (5.0, 5.0, True),
        (28.0, 29.0, False),  # small integers must match exactly
        (66.7, 2 / 3, True),  # a percentage of the same fraction
        (6.0, 5.0, False),
        (2e7, 2e6, False),
    ],
)
def test_numbers_agree(claimed: float, stated: float, agree: bool) -> None:
    assert numbers_agree(claimed, stated) is agree


def test_dates_weekdays_months_years() -> None:
    found = dates(
        "Prime Minister Narendra Modi on Wednesday congratulated Putin on March 20, 2024."
    )
    assert [(d.kind, d.value) for d in found] == [
        ("weekday", "wednesday"),
        ("month", "march"),
        ("day", "march 20"),
        ("year", "2024"),
    ]


def test_day_of_month_is_a_date_not_a_number() -> None:
    # The embedded post of the Modi–Putin page: "(@narendramodi) March 20, 2024".
    text = "Narendra Modi (@narendramodi) March 20, 2024"
    assert [(d.kind, d.value, d.text) for d in dates(text)] == [
        ("month", "march", "March"),
        ("day", "march 20", "March 20"),
        ("year", "2024", "2024"),
    ]
    assert numbers(text) == []
    assert [d.value for d in dates("on the 20th of March") if d.kind == "day"] == ["march 20"]
    assert [n.text for n in numbers("March 3.5% growth")] == ["3.5%"]


def test_ambiguous_month_words_need_a_date_context() -> None:
    # frank-ebc726fe82bd10e6e9c6e1b71a7c1aa908f79b18-bart: "may 2" is a date in lower case.
    found = dates("fights floyd mayweather in las vegas on may 2 .")
    assert [d.value for d in found] == ["may", "may 2"]
    assert dates("the changes may have health implications") == []
    # frank-95c8ae4fb51cc266ac604e0f40a4ebf284ebfe93-bart
    found = dates("the inappropriate message this past march 31")
    assert [d.value for d in found] == ["march", "march 31"]
    assert dates("thousands march through the capital") == []


def test_name_mentions_skip_titles_possessives_and_sentence_starts() -> None:
    text = (
        "Prime Minister Narendra Modi congratulated Vladimir Putin's party. "
        "The Duchess of Cornwall smiled."
    )
    mentions = name_mentions(text)
    assert [m.words for m in mentions] == [
        ("narendra", "modi"),
        ("vladimir", "putin"),
        ("cornwall",),
    ]
    assert [text[m.start : m.end] for m in mentions] == [m.text for m in mentions]


def test_sentence_initial_common_word_is_not_a_name() -> None:
    assert name_mentions("Exercise can increase grey matter.", frozenset({"exercise"})) == []
    assert [m.text for m in name_mentions("Kujala said exercise helps.")] == ["Kujala"]


def test_lowercased_text_is_recognised() -> None:
    # frank-b71b7737562c6aa7c3ceefcbb2073a35c9854e54-bart
    assert not is_cased("physical activity can increase grey matter in the brain , study found .")
    assert is_cased(
        "Chelsea have made an offer for FC Tokyo 's 22-year-old forward Yoshinori Muto ."
    )


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # frank-fa24723dad6104750ada05628b44decba200720b-bus (PTB single quotes)
        (
            "he said he would campaign on ` more jobs and more homes ' tory figures",
            ["more jobs and more homes"],
        ),
        # frank-2beb3c90dd9c2fe8288f352b6b973b5a0b5dd0dc-bus (PTB double quotes)
        ("mchenry : `` i 'm on -lsb- baby girl , '' but", ["i 'm on -lsb- baby girl ,"]),
        ('their “trust” and "hopes" in him', ["trust", "hopes"]),
        # PTB clitics and plural possessives are not quotation marks
        ("i think we 're going and the players ' union said", []),
    ],
)
def test_quotations_in_every_style(text: str, quoted: list[str]) -> None:
    found = quotations(text)
    assert [q.text for q in found] == quoted
    assert [text[q.start : q.end] for q in found] == quoted


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=200))
def test_claim_offsets_slice_the_text(text: str) -> None:
    for claim in [*numbers(text), *dates(text), *quotations(text), *name_mentions(text)]:
        assert text[claim.start : claim.end] == claim.text
