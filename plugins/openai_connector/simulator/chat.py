"""Realistic chat text: varied requests, replies, code and pasted documents.

The default simulated workspace repeats a handful of sentences, so a classifier that analyses
each distinct text once sees almost nothing to do. Real chat is different: nearly every
prompt and every reply is new (names, figures, identifiers, pasted material), and only short
follow-ups ("thanks!", "continue") repeat. This module writes such text from a seeded random
source. The few sensitive values it holds (people, contacts, cards, credentials) are planted
through :class:`~openai_connector.simulator.sensitive.TextBuilder`, so their offsets are
exact ground truth; everything else is written to hold nothing a detector should report.
"""

from __future__ import annotations

import random

from openai_connector.simulator.sensitive import (
    CARRIERS,
    PII_TYPES,
    SECRET_TYPES,
    PlantedValue,
    TextBuilder,
)

Text = tuple[str, list[PlantedValue]]

#: Share of user messages of each kind (out of 100).
USER_KINDS = {"request": 50, "follow_up": 12, "code": 12, "personal": 13, "credential": 4}
#: Share of user messages that paste a long document (added to the kinds above).
DOCUMENT_SHARE = 0.07

FOLLOW_UPS = (
    "thanks!",
    "Thanks, that helps.",
    "continue",
    "ok",
    "Make it shorter.",
    "Can you make it more formal?",
    "perfect, thank you",
    "Now as bullet points please.",
    "Translate that to Spanish.",
    "great",
    "Try again.",
    "What about the second option?",
)
OPENERS = ("", "", "Hi! ", "Quick question: ", "Please help: ", "Hey! ", "For tomorrow: ")
CLOSERS = ("", "", " Thanks!", " Keep it brief.", " Use a friendly tone.", " No jargon.")
TEAMS = (
    "design", "finance", "support", "platform", "sales", "legal", "data", "mobile",
    "procurement", "security", "growth", "research", "payroll", "facilities", "billing",
)  # fmt: skip
SUBJECTS = (
    "the analytics migration", "the expense policy", "meeting load", "customer onboarding",
    "the office move", "quarterly planning", "security training", "the hiring plan",
    "vendor renewals", "the pricing page", "release notes", "the incident review",
    "data retention", "the partner program", "churn", "the roadmap", "test coverage",
    "the support backlog", "travel approvals", "the budget forecast", "API deprecations",
)  # fmt: skip
ADJECTIVES = (
    "friendlier", "shorter", "clearer", "more formal", "more persuasive", "less technical",
    "more concise", "warmer", "more direct", "more neutral",
)  # fmt: skip
NOUNS = (
    "dashboard", "invoice batch", "sprint", "rollout", "contract", "survey", "pipeline",
    "workshop", "audit", "campaign", "backlog", "forecast", "prototype", "report", "cluster",
)  # fmt: skip
VERBS = (
    "review", "summarize", "rewrite", "plan", "compare", "estimate", "prioritize", "outline",
    "critique", "simplify", "restructure", "explain",
)  # fmt: skip
REQUESTS = (
    "Can you {verb} this paragraph about {subject} so it sounds {adjective}?",
    "Give me {n} title ideas for a post about {subject}.",
    "Summarize the arguments for and against {subject} in a table with {n} rows.",
    "Write a follow-up to a vendor whose {noun} for the {team} team is {n} days late.",
    "What should the {team} team ask in interviews for a senior {noun} owner?",
    "Plan a {minutes} minute workshop on {subject} for the {team} team.",
    "Turn these notes into a status update: the {noun} is {pct}% done, {n} tasks remain, "
    "and {subject} needs {weeks} more weeks.",
    "Draft a short announcement to the {team} team about {subject}.",
    "In {quarter} the {team} team grew revenue {pct}% while costs rose {pct2}%. Explain "
    "this in two sentences for the board.",
    "Make a checklist for the {noun} of the {team} team with {n} steps and owners.",
    "How do I {verb} a {noun} of {rows} rows without blocking the {team} team?",
    "Our {noun} costs {amount} a month. Suggest {n} ways to cut it by {pct}%.",
    "Compare two options for {subject}: one takes {weeks} weeks, the other {n} sprints.",
    "Why would a {noun} with {rows} entries take {minutes} minutes to load?",
)
REQUEST_DETAILS = (
    "",
    " It is for the {team} team.",
    " The deadline is in {n} days.",
    " We have a budget of {amount}.",
    " Reference {ref} in the subject line.",
    " Last time it took {minutes} minutes.",
    " Assume {rows} rows per day.",
)
REPLY_SENTENCES = (
    "Here is a plan for {subject} with {n} steps, each with an owner and a date.",
    "I kept the meaning but made the wording {adjective}.",
    "The main risk is the {noun}: it depends on the {team} team and has {n} open items.",
    "Start with the smallest change, measure it for {weeks} weeks, then decide.",
    "A {noun} of {rows} rows fits in memory, so sorting first is the simplest fix.",
    "Option one costs about {amount} and takes {weeks} weeks; option two is cheaper but "
    "slower to roll out.",
    "Revenue up {pct}% against costs up {pct2}% means margins improved in {quarter}.",
    "You could {verb} the {noun} in {n} passes instead of one.",
    "For the {team} team I would lead with the outcome and keep the details for the appendix.",
    "If the {noun} takes {minutes} minutes, check the indexes before adding hardware.",
    "Here are {n} options, from the simplest to the most ambitious.",
    "A checklist keeps the {noun} on track: scope, owners, dates, and a review in {quarter}.",
)
DOCUMENT_SENTENCES = (
    "The committee reviewed the draft {noun} and agreed that its scope covers every team.",
    "Several members asked whether the timeline for {subject} is realistic before {quarter}.",
    "The {team} team will estimate the cost of the {noun}, currently about {amount}.",
    "It was agreed to revisit {subject} once the pilot has run for {weeks} weeks.",
    "Action item {ref}: {verb} the {noun} and circulate the result within {n} days.",
    "Survey results: {pct}% prefer fewer meetings and {pct2}% want written summaries.",
    "The {noun} processed {rows} records last month, {pct}% more than the month before.",
    "Open question: who owns {subject} after the {team} team hands it over?",
    "Section {n}.{n2} describes how the {noun} is approved and by whom.",
    "Minutes will be circulated for approval by the end of the week.",
)
CODE_LANGUAGES = ("python", "sql", "javascript", "go")
CODE_ASKS = (
    "Can you review this?",
    "Add type hints and tests.",
    "Explain this line by line.",
    "Any bugs here?",
    "Make it faster, it runs on {rows} rows.",
    "Port this to {language}.",
    "Why does this return {n} results instead of {n2}?",
)
IDENTIFIERS = (
    "orders", "rows", "items", "users", "events", "batch", "totals", "records", "payload",
    "invoices", "sessions", "metrics", "entries", "tickets", "accounts", "jobs",
)  # fmt: skip
FIELDS = ("status", "amount", "created_at", "region", "owner", "score", "kind", "priority")
TOOL_OUTPUTS = (
    "Search for {subject} returned {n} results in {millis} ms.",
    "Execution finished: {rows} rows processed in {millis} ms.",
    "Opened {n} files of the {noun} folder in {millis} ms; {n2} matched the query.",
)
#: Sensitive kinds a personal request plants, and the wording around them.
PERSONAL_TYPES = tuple(t for t in PII_TYPES if t != "IP_ADDRESS")
CREDENTIAL_TYPES = SECRET_TYPES


class RealisticChat:
    """Writes the text of user, assistant and tool messages; deterministic by seed."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(f"realistic-chat:{seed}")
        self._kinds = list(USER_KINDS)
        self._weights = list(USER_KINDS.values())
        self._references = 0

    # ------------------------------------------------------------------ messages
    def user_text(self) -> Text:
        """A user's prompt: mostly new requests, some follow-ups, code, personal data,
        credentials, and now and then a long pasted document."""
        builder = TextBuilder()
        kind = self._rng.choices(self._kinds, self._weights)[0]
        if kind == "follow_up":
            builder.add(self._rng.choice(FOLLOW_UPS))
        elif kind == "code":
            builder.add(self._fill(self._rng.choice(CODE_ASKS)) + "\n\n" + self.code())
        elif kind in ("personal", "credential"):
            types = PERSONAL_TYPES if kind == "personal" else CREDENTIAL_TYPES
            builder.add(self._rng.choice(OPENERS))
            builder.add_template(self._rng.choice(CARRIERS[self._rng.choice(types)]), self._rng)
            builder.add(self._fill(self._rng.choice(REQUEST_DETAILS)))
        else:
            builder.add(self._request())
        if self._rng.random() < DOCUMENT_SHARE:
            builder.add("\n\n")
            self._document(builder)
        return builder.text, builder.planted

    def assistant_text(self) -> str:
        """A reply of one to four short paragraphs, of two to four sentences each."""
        paragraphs = [
            " ".join(self._fill(self._rng.choice(REPLY_SENTENCES)) for _ in range(self._count()))
            for _ in range(self._rng.randint(1, 4))
        ]
        return "\n\n".join(paragraphs)

    def tool_text(self) -> str:
        return self._fill(self._rng.choice(TOOL_OUTPUTS))

    def code(self) -> str:
        """A short fenced snippet with its own identifiers and constants."""
        language = self._rng.choice(CODE_LANGUAGES)
        name, field_ = self._rng.choice(IDENTIFIERS), self._rng.choice(FIELDS)
        limit, threshold = self._rng.randint(2, 500), self._rng.randint(1, 99)
        if language == "python":
            body = (
                f"def load_{name}({name}):\n    out = []\n    for row in {name}:\n"
                f"        if row['{field_}'] > {threshold}:\n            out.append(row)\n"
                f"    return out[:{limit}]\n"
            )
        elif language == "sql":
            body = (
                f"SELECT {field_}, count(*) AS n\nFROM {name}\nWHERE {field_} > {threshold}\n"
                f"GROUP BY {field_}\nORDER BY n DESC\nLIMIT {limit};\n"
            )
        elif language == "javascript":
            body = (
                f"const {name} = await fetchAll({limit});\n"
                f"const kept = {name}.filter((r) => r.{field_} > {threshold});\n"
                f"console.log(kept.length);\n"
            )
        else:
            body = (
                f"func count{name.title()}(xs []Row) int {{\n\tn := 0\n\tfor _, x := range xs {{\n"
                f"\t\tif x.{field_.title()} > {threshold} {{\n\t\t\tn++\n\t\t}}\n\t}}\n"
                f"\treturn n % {limit}\n}}\n"
            )
        return f"```{language}\n{body}```"

    # ------------------------------------------------------------------ pieces
    def _request(self) -> str:
        request = self._fill(self._rng.choice(REQUESTS))
        detail = self._fill(self._rng.choice(REQUEST_DETAILS))
        return self._rng.choice(OPENERS) + request + detail + self._rng.choice(CLOSERS)

    def _document(self, builder: TextBuilder) -> None:
        """A pasted document of 10 to 60 sentences; one in four names a person in it."""
        sentences = self._rng.randint(10, 60)
        named_at = self._rng.randrange(sentences) if self._rng.random() < 0.25 else -1
        for index in range(sentences):
            builder.add("\n\n" if index and index % 5 == 0 else " " if index else "")
            if index == named_at:
                builder.add_template("{PERSON} presented the figures for this part.", self._rng)
            else:
                builder.add(self._fill(self._rng.choice(DOCUMENT_SENTENCES)))

    def _count(self) -> int:
        return self._rng.randint(2, 4)

    def _reference(self) -> str:
        self._references += 1
        return f"REF-{self._references:06d}"

    def _fill(self, template: str) -> str:
        """``template`` with its slots filled; unused values cost a few random draws."""
        if "{" not in template:
            return template
        rng = self._rng
        return template.format(
            verb=rng.choice(VERBS),
            subject=rng.choice(SUBJECTS),
            adjective=rng.choice(ADJECTIVES),
            noun=rng.choice(NOUNS),
            team=rng.choice(TEAMS),
            language=rng.choice(CODE_LANGUAGES),
            n=rng.randint(2, 12),
            n2=rng.randint(1, 9),
            pct=rng.randint(2, 60),
            pct2=rng.randint(1, 30),
            weeks=rng.randint(2, 10),
            minutes=rng.choice((15, 20, 30, 45, 60, 90, 120)),
            millis=rng.randint(20, 9_000),
            rows=f"{rng.randint(2, 950) * 1000:,}",
            amount=f"${rng.randint(2, 900) * 100:,}",
            quarter=f"Q{rng.randint(1, 4)}",
            ref=self._reference(),
        )
