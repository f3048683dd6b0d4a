"""A deterministic mix of chat messages like those a ChatGPT Enterprise workspace holds.

Mostly clean requests and short follow-ups (which repeat, as "thanks!" does), some code,
some personal data, a few credentials, and some long pasted documents. Credentials are
assembled from pieces at run time so no file holds a string that scanners flag.
"""

from __future__ import annotations

import random
import string

FIRST_NAMES = ["Alice", "Bob", "Maria", "Chen", "Fatima", "John", "Priya", "Lukas", "Sofia"]
LAST_NAMES = ["Smith", "Garcia", "Nguyen", "Okafor", "Müller", "Rossi", "Kim", "Patel", "Berg"]
CITIES = ["Berlin", "Austin", "Lisbon", "Toronto", "Singapore", "Lyon", "Denver"]

OPENERS = ["", "Hi! ", "Quick question: ", "For tomorrow, ", "Please help: ", "Hey, "]
CLOSERS = ["", " Thanks!", " Keep it brief.", " Use a friendly tone.", " No jargon please."]
TEAMS = ["design", "finance", "support", "platform", "sales", "legal", "data", "mobile"]
TOPICS = [
    "moving our analytics stack to the cloud",
    "the new expense policy",
    "reducing meeting load",
    "our customer onboarding flow",
    "the office relocation",
    "quarterly planning",
    "the security awareness training",
    "hiring a second engineering manager",
]
REQUESTS = [
    "Can you rewrite this paragraph about {topic} so it sounds friendlier?",
    "Explain the difference between a process and a thread, with an analogy the {team} "
    "team would understand.",
    "Give me 5 title ideas for a blog post about {topic}.",
    "Summarize the main arguments for and against {topic} in a short table.",
    "Write a polite follow-up to a vendor whose shipment for the {team} team is late again. "
    "Keep it firm but professional, and ask for a new delivery date.",
    "What are good interview questions for a senior data engineer joining the {team} team? "
    "Focus on design, not trivia, and include what a strong answer would sound like.",
    "Help me plan the agenda for a 90 minute workshop on {topic} for the {team} team.",
    "Turn these notes into a status update: {topic} is mostly done, the dashboards still "
    "point to the old warehouse, and the {team} team needs two more weeks.",
    "Why is my pivot table showing blanks instead of zeros, and how do I fix it?",
    "Draft a short announcement to the {team} team about {topic}.",
    "Compare Kafka and RabbitMQ for a workload of small messages with strict ordering.",
    "Proofread: Their going to review the proposal about {topic} next week and will let "
    "us know if anything need to change before the the board meeting.",
    "Suggest a name for an internal tool that helps the {team} team with {topic}.",
    "In Q3 the {team} team grew revenue 12% while costs rose 4%. Write two sentences for "
    "the investor letter that explain this without sounding boastful.",
    "What is a reasonable retention policy for application logs, and what do regulators "
    "usually expect from a {team} team?",
    "Make a checklist for onboarding a contractor to the {team} team: accounts, hardware, "
    "training, and who signs off on each step.",
]
FOLLOW_UPS = [
    "thanks!",
    "continue",
    "Make it shorter.",
    "Can you make it more formal?",
    "ok",
    "Translate that to Spanish.",
    "perfect, thank you",
    "Now as bullet points please.",
]
PERSONAL = [
    "Draft a reply to {name} ({email}) about the budget review; the meeting moved to "
    "Thursday afternoon.",
    "Summarize this ticket: customer {name} called from {phone} because the invoice total "
    "looks wrong after the discount was applied twice.",
    "Translate to German: thanks {name}, the card ending {card} was charged today and the "
    "receipt was sent to your inbox.",
    "Fill in the HR form for {name}, SSN {ssn}, starting on 3 March at the {city} office.",
    "Write a reference letter for {name}, who worked with me in {city} for three years. "
    "They can be reached at {email} or {phone}.",
]
CREDENTIALS = [
    "Why does this fail? client = OpenAI(api_key='{openai_key}') and then the request "
    "times out after thirty seconds.",
    "My CI job says bad credentials, token is {github_token}, what scope does it need?",
    "Can you check this config?\nDATABASE_URL=postgres://app:{password}@db.internal:5432/app"
    "\nLOG_LEVEL=info\nWORKERS=4",
]
CODE = [
    "Why is this slow?\n\n```python\ndef load(rows):\n    out = []\n    for row in rows:\n"
    "        if row['status'] == 'active' and row['age'] > 30:\n            out.append(row)\n"
    "    return sorted(out, key=lambda r: r['created_at'])[:100]\n```",
    "Fix the join:\n```sql\nSELECT o.id, c.name, SUM(i.price * i.qty) AS total\nFROM orders o\n"
    "JOIN customers c ON c.id = o.customer_id\nLEFT JOIN items i ON i.order_id = o.id\n"
    "WHERE o.created_at >= '2024-01-01'\nGROUP BY o.id;\n```",
    "What does this regex do? `^(?:[a-z0-9!#$%&'*+/=?^_`{|}~-]+)$` and is it safe to use "
    "on user input?",
    "```js\nconst retry = async (fn, n = 3) => {\n  for (let i = 0; i < n; i++) {\n"
    "    try { return await fn(); } catch (e) { await sleep(2 ** i * 100); }\n  }\n"
    "  throw new Error('gave up');\n};\n```\nHow do I add jitter to this?",
]
PARAGRAPHS = [
    "The committee reviewed the draft policy and agreed that the scope should cover every "
    "team that stores customer data, including the regional offices.",
    "Several members raised concerns about the timeline, noting that the vendor contracts "
    "renew in the spring and that changes must be negotiated before then.",
    "{name} presented the results of the survey: most respondents prefer fewer meetings, "
    "clearer ownership of decisions, and written summaries after each review.",
    "The finance team will prepare an estimate of the migration cost, including training, "
    "temporary staff and the overlap period when both systems run.",
    "It was agreed to revisit the question of remote work at the next meeting, once the "
    "results from the pilot in {city} are available.",
    "Action items were assigned, and the minutes will be circulated for approval before "
    "the end of the week.",
]
CODE_ASKS = [
    "Can you review this?",
    "Add type hints and tests.",
    "Explain this line by line.",
    "Any bugs here?",
    "Make it faster, it runs on {rows} rows.",
    "Port this to Go.",
]
WEIGHTS = {
    "request": 50,
    "follow_up": 12,
    "code": 12,
    "personal": 14,
    "credential": 4,
    "document": 8,
}
_ALNUM = string.ascii_letters + string.digits


def _fields(rng: random.Random) -> dict[str, str]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return {
        "name": f"{first} {last}",
        "email": f"{first.lower()}.{last.lower()}@acme-corp.io".replace("ü", "u"),
        "phone": f"(415) 555-{rng.randint(1000, 9999)}",
        "card": "4111 1111 1111 1111",
        "ssn": f"219-09-{rng.randint(1000, 9999)}",
        "city": rng.choice(CITIES),
        "openai_key": "sk-" + "proj-" + "".join(rng.choices(_ALNUM, k=48)),
        "github_token": "gh" + "p_" + "".join(rng.choices(_ALNUM, k=36)),
        "password": "".join(rng.choices(_ALNUM, k=14)),
        "team": rng.choice(TEAMS),
        "topic": rng.choice(TOPICS),
    }


def _message(kind: str, rng: random.Random) -> str:
    fields = _fields(rng)
    if kind == "document":
        count = rng.randint(8, 30)
        return "\n\n".join(rng.choice(PARAGRAPHS).format(**fields) for _ in range(count))
    pool = {
        "request": REQUESTS,
        "follow_up": FOLLOW_UPS,
        "code": CODE,
        "personal": PERSONAL,
        "credential": CREDENTIALS,
    }[kind]
    if kind == "request":
        return rng.choice(OPENERS) + rng.choice(pool).format(**fields) + rng.choice(CLOSERS)
    if kind == "code":
        ask = rng.choice(CODE_ASKS).format(rows=rng.randint(2, 900) * 1000)
        return f"{rng.choice(pool)}\n{ask}"
    return rng.choice(pool).format(**fields)


def chat_mix(count: int, seed: int = 7) -> list[str]:
    """``count`` messages drawn from the weighted kinds, the same for the same seed."""
    rng = random.Random(seed)
    kinds = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()), k=count)
    return [_message(kind, rng) for kind in kinds]
