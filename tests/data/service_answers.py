"""Realistic answers for every shipped service form, with dates relative to today.

Used by the command-line and GUI walks; built at test time so date constraints
("a day from tomorrow up to 60 days ahead") never rot.
"""

from __future__ import annotations

import datetime as dt

VALID_ID = "110101195003071235"  # born 1950-03-07; check digit per GB 11643
VALID_ID_2 = "440306194808150023"
YOUNG_ID = "310104196201014566"  # born 1962: still a valid ID
MOBILE = "13812345678"
CARD = "6222020200112233445"


def answers_for(form_id: str, today: dt.date | None = None) -> dict[str, object]:
    today = today or dt.date.today()
    iso = lambda days: (today + dt.timedelta(days=days)).isoformat()  # noqa: E731
    table: dict[str, dict[str, object]] = {
        "pension_check": {
            "full_name": "张伟",
            "id_number": VALID_ID,
            "pension_type": "enterprise",
            "same_address": "no",
            "current_address": "幸福路12号3单元501",
            "changes": ["moved", "bank_card"],
            "new_bank_card": CARD,
            "phone": MOBILE,
            "who_fills": "volunteer",
            "declaration": "OK",
        },
        "medical_claim": {
            "full_name": "Li Na",
            "id_number": VALID_ID_2,
            "insurance": "resident",
            "expense": [
                {"visit_date": iso(-10), "hospital": "City Hospital", "amount": "128.50"},
                {"visit_date": iso(-3), "hospital": "社区卫生服务中心", "amount": "30"},
            ],
            "bank_card": CARD,
            "phone": MOBILE,
            "declaration": "OK",
        },
        "concession_card": {
            "full_name": "王芳",
            "id_number": VALID_ID,
            "card_use": "bus",
            "delivery": "post",
            "address": "光明街5号",
            "postcode": "100010",
            "phone": MOBILE,
        },
        "report_problem": {
            "problem": "streetlight",
            "area": "east",
            "building": "e2",
            "details": "晚上很黑",
            "danger": "no",
            "want_reply": "yes",
            "phone": MOBILE,
            "reporter_name": "赵大爷",
        },
        "book_service": {
            "category": "home",
            "service": "haircut",
            "for_whom": "self",
            "visit_date": iso(7),
            "slot": "morning",
            "home_address": "光明街5号2楼",
            "needs": ["wheelchair", "hearing"],
            "phone": MOBILE,
        },
        "home_care": {
            "full_name": "陈秀英",
            "id_number": VALID_ID_2,
            "living": "alone",
            "mobility": "stick",
            "support": ["meals", "calls"],
            "meal_times": "two",
            "start_date": iso(3),
            "contact_name": "陈小明",
            "contact_relation": "child",
            "contact_phone": "13987654321",
            "phone": MOBILE,
        },
        "practice_meal": {
            "meal": "lunch",
            "dishes": ["rice", "fish"],
            "portions": "2",
            "delivery_date": iso(1),
            "your_name": "练习",
        },
    }
    return table[form_id]
