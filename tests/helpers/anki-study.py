# Drives Anki's own Python library (the `anki` package of the Anki desktop application, taken
# from Debian's anki package) to make a collection the way a person does: notes added, cards
# studied day after day with the scheduler answering, then the deck exported by Anki's own
# exporters, as an .apkg with scheduling and as a whole-collection .colpkg.
#
# Usage: python3 anki-study.py <anki library folder> <output folder> <start epoch seconds>
# The clock starts there and is moved forward a day at a time, so the review log spans weeks;
# nothing else of Anki is changed.
import json
import os
import sys
import time

anki_dir, out_dir, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
sys.path.insert(0, anki_dir)

clock = [start]


def tick():
    # Every reading moves the clock on a millisecond, as a real one does between two calls;
    # Anki waits for the time to change before it hands out the next id.
    clock[0] += 0.001
    return clock[0]


time.time = tick

from anki import Collection  # noqa: E402
from anki.exporting import AnkiCollectionPackageExporter, AnkiPackageExporter  # noqa: E402

# Our own small deck: countries and their capitals, with markup as people type it.
NOTES = [
    ("France", "Paris"),
    ("Japan", "Tokyo"),
    ("Kenya", "Nairobi"),
    ("<b>Peru</b>", "Lima"),
    ("Norway &amp; its capital", "Oslo"),
    ("Chile", "Santiago"),
    ("Egypt", "Cairo"),
    ("Canada", "Ottawa"),
]

os.makedirs(out_dir, exist_ok=True)
col = Collection(os.path.join(out_dir, "work.anki2"))
deck_id = col.decks.id("Capitals")
model = col.models.byName("Basic")
model["did"] = deck_id
col.models.save(model)
for front, back in NOTES:
    note = col.newNote()
    note["Front"] = front
    note["Back"] = back
    note.model()["did"] = deck_id
    col.addNote(note)
col.decks.select(deck_id)
col.save()

# Each day: every card the scheduler shows is answered; which button is pressed follows a fixed
# pattern over the card, the day and the showing, so some cards lapse and some are easy. The
# last two notes are never studied: their cards are buried when they come up.
studied = {nid for nid in col.db.list("select id from notes order by id")[:6]}
for day in range(40):
    clock[0] = start + day * 86400 + 9 * 3600
    col.reset()
    shown = 0
    while shown < 200:
        card = col.sched.getCard()
        if not card:
            break
        shown += 1
        if card.nid not in studied:
            col.sched.buryCards([card.id])
            col.reset()
            continue
        clock[0] += 7 + (card.id + day) % 11
        pattern = (card.id // 7 + day * 3 + shown) % 10
        ease = 1 if pattern == 0 else 4 if pattern == 9 else 3 if pattern > 2 else 2
        buttons = col.sched.answerButtons(card)
        col.sched.answerCard(card, min(ease, buttons))
    col.save()

deck = AnkiPackageExporter(col)
deck.includeSched = True
deck.includeMedia = True
deck.did = deck_id
deck.exportInto(os.path.join(out_dir, "capitals.apkg"))
whole = AnkiCollectionPackageExporter(col)
whole.exportInto(os.path.join(out_dir, "capitals.colpkg"))
col.close()
print(json.dumps({"apkg": "capitals.apkg", "colpkg": "capitals.colpkg"}))
