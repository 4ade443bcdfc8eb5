"""Write docs/examples.md: twelve drafts for varied messages, with the demo knowledge base.

    python scripts/examples.py

Read each as the customer would before committing the result.
"""

from __future__ import annotations

from pathlib import Path

import humanly.engine
from humanly.engine import DraftContext, Turn, Voice

EXAMPLES: list[tuple[str, str, tuple[Turn, ...], str]] = [
    ("A quick question", "Hi, is Blog to Business self-paced, or does it have set dates?", (), ""),
    (
        "Angry, and waiting",
        "I paid for Newsletter Lab 3 days ago and STILL have no login. I've emailed twice. This is "
        "ridiculous, the first live call is tomorrow!",
        (),
        "",
    ),
    (
        "Anxious",
        "I'm really worried I've been charged twice for Momentum Coaching, my bank shows two payments of "
        "£420. I can't afford that this month. Can you check please?",
        (),
        "",
    ),
    (
        "A rambling life story",
        "Hello, I hope you don't mind me writing. I'm 67 and I retired from teaching last spring, and my "
        "granddaughter said I should write about my garden because people kept asking me for advice at the "
        "allotment. I bought Blog to Business in the summer and I've watched the first three modules twice, "
        "but my husband was in hospital for a while and I fell behind. Now everything feels a bit much and I "
        "am not very good with computers. Is it too late to start again from the beginning, and do the videos "
        "have subtitles? My hearing is not what it was.",
        (),
        "",
    ),
    (
        "Do it for me",
        "will you do everything for me? like build the site and the newsletter, i just want it up and making "
        "money, i dont want to learn all the tech stuff",
        (),
        "",
    ),
    (
        "How soon will I earn?",
        "If I join today how fast will I get my first sale? Be honest. I need money by next month, rent is due.",
        (),
        "",
    ),
    (
        "A partnership pitch",
        "Hey! I run a podcast for new creators (about 12k downloads a month) and I'd love to have your founder "
        "on. In return could you give me free access to all your courses?",
        (),
        "",
    ),
    (
        "A refund we must refuse",
        "I bought Digital Products 101 two months ago and honestly never got round to it. Can I have a refund?",
        (),
        "refuse the refund kindly, offer a move to another course",
    ),
    ("Praise", "Just wanted to say thank you, Newsletter Lab changed how I write every week.", (), ""),
    (
        "Grief",
        "My husband passed away last month. He had a Studio membership, how do I cancel it? I can't face "
        "going through his accounts.",
        (),
        "",
    ),
    (
        "Disrespect",
        "You lot are useless clowns. My certificate still isn't on my profile. Sort it out.",
        (),
        "",
    ),
    (
        "After a limit, threats",
        "Respectful? You're thieves. I'll tell all my followers what crooks you are. Last chance.",
        (
            Turn("customer", "Your course is a scam and you're all liars. Give me my money back."),
            Turn(
                "agent",
                "I'm sorry it has felt that way. I'd like to help, and I'd ask that we keep things respectful. "
                "Can you tell me which course this is about?",
            ),
        ),
        "",
    ),
]


def main() -> None:
    engine = humanly.engine.load()
    knowledge = engine.knowledge()
    out = [
        "# Twelve drafts\n",
        "Drafts by the built-in composer with the demo knowledge base (Brightwater Academy), signed by Alex.",
        "Written by `scripts/examples.py`; the knowledge each answer came from is under each draft. Text in",
        "square brackets is a gap left for the agent. Nothing is sent until an agent has read and edited it.\n",
    ]
    for title, message, thread, instruction in EXAMPLES:
        context = DraftContext(
            knowledge=knowledge,
            voice=Voice(signature="Alex\nBrightwater Academy"),
            thread=thread,
            instruction=instruction,
        )
        draft = engine.draft_reply(message, context)
        out.append(f"## {title}\n")
        for turn in thread:
            out.append(f"> **{turn.role}:** {turn.text}\n>")
        out.append("> " + message.replace("\n", "\n> ") + "\n")
        if instruction:
            out.append(f"Instruction from the agent: *{instruction}*\n")
        out.append("```text\n" + draft.text + "\n```\n")
        sources = []
        for part in draft.parts:
            if part.source is not None:
                name = part.source.title + (f" > {part.source.section}" if part.source.section else "")
                if name not in sources:
                    sources.append(name)
        out.append(
            f"Stage: {draft.stage.replace('_', ' ')}. Sources: {'; '.join(sources) or 'none'}. "
            f"Gaps: {len(draft.gaps)}.\n"
        )
    path = Path(__file__).resolve().parents[1] / "docs" / "examples.md"
    path.write_text("\n".join(out))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
