"""Render what a Slack alert looks like, for the README: ``docs/screenshots/slack-alert.png``.

Builds a digest exactly as the deliver task does (the Slack formatter, masked values from the
classifier's masking functions, links from :mod:`openai_connector.links`), draws its Block Kit
blocks as HTML beside the JSON payload, and screenshots that page with headless Chromium:

    PYTHONPATH=plugins .venv/bin/python docs/alert_preview.py
"""

from __future__ import annotations

import html
import json
import random
import re
import string
import subprocess
import tempfile
from pathlib import Path

from openai_connector.alerts.formats import slack
from openai_connector.alerts.model import Alert, Batch, Links
from openai_connector.classify.masking import mask_email, mask_value

OUT = Path(__file__).parent / "screenshots" / "slack-alert.png"
AIRFLOW = "https://airflow.example.com"


def sample_alerts() -> list[Alert]:
    """Three findings with values made up at run time and masked as the classifier masks."""
    rng = random.Random(17)

    def token(n: int) -> str:
        return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(n))

    common = {"workspace_id": "3f2504e0-4f89-41d3-9a0c-0305e82c3301", "conn_id": "acme"}
    common |= {"workspace_name": "Acme Corp", "detected_at": "2026-12-06T09:04:00+00:00"}
    return [
        Alert(
            finding_id="f1", entity_type="OPENAI_API_KEY", severity="critical",
            masked_preview=mask_value("sk-proj-" + token(48)), object_type="message",
            object_id="msg-7c1e", conversation_id="conv-52aa", user_id="user-1",
            user=mask_email("dana.miller@acme.com"), gpt_id="g-6f0b", gpt_name="Deploy helper",
            **common,
        ),
        Alert(
            finding_id="f2", entity_type="AWS_ACCESS_KEY", severity="critical",
            masked_preview=mask_value("AKIA" + token(16).upper()), object_type="message",
            object_id="msg-91d0", conversation_id="conv-0b7e", user_id="user-2",
            user=mask_email("sam.okafor@acme.com"), project_id="g-p-33c1",
            project_name="Payments migration", **common,
        ),
        Alert(
            finding_id="f3", entity_type="PRIVATE_KEY", severity="critical",
            masked_preview=mask_value("-----BEGIN PRIVATE KEY-----" + token(64)),
            object_type="user_file", object_id="file-4d2c", user_id="user-3",
            user=mask_email("lee.chen@contractor.example"), **common,
        ),
    ]  # fmt: skip


def mrkdwn(text: str) -> str:
    text = html.escape(html.unescape(text), quote=False)
    text = re.sub(r"`([^`]*)`", r"<code>\1</code>", text)
    text = re.sub(r"\*([^*]+)\*", r"<b>\1</b>", text)
    return text.replace("\n", "<br>")


def block_html(block: dict) -> str:
    kind = block["type"]
    if kind == "header":
        return f'<div class="header">{html.escape(block["text"]["text"])}</div>'
    if kind == "section":
        return f'<div class="section">{mrkdwn(block["text"]["text"])}</div>'
    if kind == "context":
        return "".join(f'<div class="context">{mrkdwn(e["text"])}</div>' for e in block["elements"])
    buttons = "".join(
        f'<a class="button" href="{html.escape(e["url"])}">{html.escape(e["text"]["text"])}</a>'
        for e in block["elements"]
    )
    return f'<div class="actions">{buttons}</div>'


CSS = """
body{font-family:Lato,system-ui,sans-serif;margin:0;background:#f8f8f8;color:#1d1c1d;display:flex}
.pane{padding:20px;box-sizing:border-box}.left{width:56%}.right{width:44%;background:#1d2330}
.msg{background:#fff;border:1px solid #ddd;border-radius:8px;padding:14px 16px;
display:flex;gap:10px}
.avatar{width:36px;height:36px;border-radius:6px;background:#2b5fd9;color:#fff;font-weight:700;
display:flex;align-items:center;justify-content:center;flex:none}
.who{font-weight:900}.who span{color:#616061;font-weight:400;font-size:12px;margin-left:6px}
.header{font-size:18px;font-weight:900;margin:6px 0 8px}
.section{font-size:14px;line-height:1.5;margin:8px 0;padding-left:8px;border-left:3px solid #e01e5a}
code{color:#e01e5a;background:#f6f6f6;border:1px solid #e1e1e1;border-radius:3px;padding:0 3px}
.context{font-size:12px;color:#616061;margin:6px 0}
.actions{margin-top:10px}.button{display:inline-block;border:1px solid #bbb;border-radius:4px;
padding:5px 12px;margin-right:8px;font-size:13px;font-weight:700;color:#1d1c1d;text-decoration:none}
pre{color:#d7dce5;font-size:10.5px;white-space:pre-wrap;word-break:break-all;margin:0}
h2{font-size:13px;color:#616061;margin:0 0 10px}.right h2{color:#9cc3ff}
"""


def page(payload: dict) -> str:
    blocks = "".join(block_html(block) for block in payload["blocks"])
    return (
        f"<!doctype html><meta charset=utf-8><style>{CSS}</style>"
        '<div class="pane left"><h2>#dlp-alerts (Slack Block Kit, rendered)</h2>'
        '<div class="msg"><div class="avatar">DLP</div><div><div class="who">openai-connector'
        f"<span>APP 09:05</span></div>{blocks}</div></div></div>"
        '<div class="pane right"><h2>the JSON posted to the webhook</h2>'
        f"<pre>{html.escape(json.dumps(payload, indent=1, ensure_ascii=False))}</pre></div>"
    )


def main() -> None:
    alerts = sample_alerts()
    payload = slack(Batch(alerts, more=4, links=Links.build(AIRFLOW, "acme", alerts))).body
    assert payload is not None
    with tempfile.TemporaryDirectory() as tmp:
        preview = Path(tmp) / "slack-alert.html"
        preview.write_text(page(payload), encoding="utf-8")
        subprocess.run(
            [
                "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                f"--screenshot={OUT}", "--window-size=1400,900", preview.as_uri(),
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip
    print(OUT)


if __name__ == "__main__":
    main()
