#!/usr/bin/env python3
"""Deterministic synthetic Brightspots project for benchmarks and load tests.

usage: corpus.py N OUT [--seed S]

Writes a Brightspots project folder at OUT:

  OUT/Content/site.yaml          the repository's Content/site.yaml with page_size 20
  OUT/Content/principles.yaml    copied verbatim
  OUT/Content/unit-costs.yaml    copied verbatim
  OUT/Content/tags.yaml          the repository's tags.yaml plus 46 more tags (60 in all)
  OUT/Content/forum/YYYY-MM.md   one Bright Spots forum edition for every month 2019-01 .. 2024-12
  OUT/Content/<kind>/<yyyy>/<slug>.md   N entries

No Themes/ folder is written: check and build the corpus with the repository's theme,
`brightspots check --root OUT --theme /abs/path/to/Themes/default`.

Determinism: Python 3.11 stdlib only, no network. Entry i is drawn from its own RNG seeded
"<seed>:<i>"; forum edition m from "<seed>:forum:<yyyy-mm>". Same N and seed give byte-identical
output, and the N=1,000 corpus is exactly the first 1,000 entries of the N=10,000 one: the only
state carried between entries is the set of slugs already used (for collision suffixes and for
[[slug]] and related: links, which only ever point at earlier entries). Everything outside the
entry folders is independent of N.

Privacy: names are invented (first name + made-up surname), there are no digit runs of ten or more,
no phone numbers, postcodes, email addresses, National Insurance numbers, dates of birth or ages,
and the words the guard reads as context for those ("born", "aged", "dot", ...) are never written.
"""
import argparse
import bisect
import datetime
import itertools
import os
import random
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "Content"
MARKER = ".brightspots-corpus"

KIND_WEIGHTS = [("aar", 45), ("bright-spot", 30), ("peer-support", 25)]
FIRST_DAY = datetime.date(2019, 1, 1)
LAST_DAY = datetime.date(2024, 12, 31)
PAGE_SIZE = 20

# Shares. ROI by kind gives about 40 % overall (0.45*0.5 + 0.30*0.6 + 0.25*0.05 = 0.42).
ROI_SHARE = {"aar": 0.50, "bright-spot": 0.60, "peer-support": 0.05}
FORUM_SHARE = {"bright-spot": 0.20}
TABLE_SHARE = 0.17
SUMMARY_SHARE = 0.6
RELATED_SHARE = 0.10
WIKILINK_SHARE = 0.08
ANONYMOUS_SHARE = {"aar": 0.15, "bright-spot": 0.10, "peer-support": 0.60}


# ---------------------------------------------------------------------------------------------------------------
# Reading the repository's configuration (no YAML library in the stdlib: these files have a fixed, simple shape).

def read_kinds(site_text):
    """kind id -> list of its section headings, in site.yaml order."""
    kinds, current, in_kinds, in_sections = {}, None, False, False
    for line in site_text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent == 0:
            in_kinds, current = stripped == "kinds:", None
            continue
        if not in_kinds:
            continue
        if indent == 2 and stripped.endswith(":"):
            current, in_sections = stripped[:-1], False
            kinds[current] = []
        elif indent == 4:
            in_sections = stripped == "sections:"
        elif indent == 6 and in_sections and stripped.startswith("- "):
            kinds[current].append(stripped[2:].strip().strip('"'))
    return kinds


def read_list(text, key):
    """The values of `  - <key>: value` lines (principle slugs, unit-cost codes), in file order."""
    return re.findall(rf"^  - {key}: (\S+)\s*$", text, flags=re.M)


def read_unit_values(text):
    """code -> unit value (pounds, float)."""
    values, code = {}, None
    for line in text.splitlines():
        m = re.match(r"^  - code: (\S+)", line)
        if m:
            code = m.group(1)
        m = re.match(r"^    value: ([0-9.]+)", line)
        if m and code:
            values[code] = float(m.group(1))
    return values


def site_yaml(text):
    new, count = re.subn(
        r"^page_size: \d+[^\n]*$",
        f"# Synthetic corpus (bench/corpus.py): {PAGE_SIZE} instead of the example site's 5, so a section of\n"
        f"# thousands of entries has hundreds of pages rather than thousands.\npage_size: {PAGE_SIZE}",
        text, count=1, flags=re.M)
    if count != 1:
        sys.exit("corpus.py: no page_size line in Content/site.yaml")
    return new


# ---------------------------------------------------------------------------------------------------------------
# Tags: the repository's 14 (with their aliases), then 46 more. ZIPF_ORDER ranks all 60, most used first.

EXTRA_TAGS = [  # slug, label, description
    ("handover", "Handover", "Passing a person's support from one worker or team to another without losing the thread."),
    ("safeguarding", "Safeguarding", "Protecting adults and children at risk of harm, and the processes around it."),
    ("crisis-care", "Crisis care", "What happens when someone reaches crisis point, day or night."),
    ("primary-care", "Primary care", "GP practices, pharmacies and the rest of the first point of contact with the NHS."),
    ("ambulance", "Ambulance", "Ambulance call-outs, and the conversations that can replace some of them."),
    ("a-and-e", "A&E", "Emergency department attendances and what lies behind repeat visits."),
    ("police", "Police", "Police contact that is really about unmet need rather than crime."),
    ("waiting-lists", "Waiting lists", "Waiting for a service, and keeping people supported while they wait."),
    ("young-people", "Young people", "Young people moving into adult services, and the gaps between."),
    ("families", "Families", "Working with the families and friends around a person, with their agreement."),
    ("carers", "Carers", "Unpaid carers, their own needs, and what helps them keep going."),
    ("referrals", "Referrals", "How people are referred between services, and how to make it a warm introduction."),
    ("out-of-hours", "Out of hours", "Evenings, weekends and bank holidays, when most offices are closed."),
    ("loneliness", "Loneliness", "Isolation as a driver of crisis, and the places where people find company."),
    ("older-people", "Older people", "Older people with multiple needs, often hidden from services."),
    ("community-nursing", "Community nursing", "District and community nurses who see people at home."),
    ("social-prescribing", "Social prescribing", "Link workers connecting people to groups and activities in the community."),
    ("domestic-abuse", "Domestic abuse", "Domestic abuse and the safety of the people we support."),
    ("benefits", "Benefits", "Benefit claims, assessments, sanctions and getting entitlements sorted."),
    ("debt-advice", "Debt advice", "Money advice and debt, beyond Council Tax."),
    ("transitions", "Transitions", "Moving between services, settings or stages of life."),
    ("employment", "Employment", "Work, volunteering and training as part of recovery."),
    ("learning-disability", "Learning disability", "People with learning disabilities and the reasonable adjustments they need."),
    ("autism", "Autism", "Autistic people and services that work for them."),
    ("dementia", "Dementia", "People living with dementia and those who support them."),
    ("neighbourhood-teams", "Neighbourhood teams", "Multi-agency teams based in one neighbourhood."),
    ("voluntary-sector", "Voluntary sector", "Charities, community groups and the volunteers who run them."),
    ("faith-groups", "Faith groups", "Churches, mosques, gurdwaras and other faith communities offering help."),
    ("food-banks", "Food banks", "Food banks and community pantries as a front door to other help."),
    ("digital-access", "Digital access", "Phones, data and online forms, and people who are left out by them."),
    ("interpreters", "Interpreters", "Language support, booked early enough to be useful."),
    ("trauma-informed", "Trauma-informed practice", "Working in ways that recognise the effects of trauma."),
    ("bereavement", "Bereavement", "Loss and grief, for the people we support and for staff."),
    ("self-harm", "Self-harm", "Self-harm and how services respond to it."),
    ("prison-release", "Prison release", "Leaving prison with somewhere to go and someone to meet."),
    ("care-leavers", "Care leavers", "Young adults who grew up in care, and the support owed to them."),
    ("refugees", "Refugees and asylum", "People seeking asylum or settled as refugees, and the barriers they meet."),
    ("veterans", "Veterans", "People who have served in the armed forces."),
    ("winter-pressures", "Winter pressures", "Cold weather, busy wards and what changes in winter."),
    ("supervision", "Supervision", "Reflective supervision and case discussion for practitioners."),
    ("commissioning", "Commissioning", "How services are bought and measured, and what contracts reward."),
    ("continuity-of-care", "Continuity of care", "Seeing the same person over time."),
    ("transport", "Transport", "Getting to appointments: buses, taxis, lifts and distance."),
    ("hoarding", "Hoarding", "Hoarding and self-neglect, handled without force."),
    ("tenancy-sustainment", "Tenancy sustainment", "Helping people keep a tenancy once they have one."),
    ("welfare-rights", "Welfare rights", "Challenging decisions and getting people what they are entitled to."),
]
EXTRA_ALIASES = {"a-and-e": ["ae", "emergency-department"], "domestic-abuse": ["domestic-violence"],
                 "crisis-care": ["crisis"], "refugees": ["asylum"]}

ZIPF_ORDER = """mental-health housing outreach wellbeing peer-support hospital-discharge substance-misuse
lead-practitioner handover crisis-care safeguarding co-production data-sharing primary-care relapse
criminal-justice families out-of-hours benefits referrals council-tax libraries a-and-e loneliness
ambulance police carers waiting-lists trauma-informed supervision young-people tenancy-sustainment
voluntary-sector debt-advice food-banks social-prescribing transitions bereavement older-people
community-nursing domestic-abuse continuity-of-care welfare-rights employment digital-access
neighbourhood-teams self-harm prison-release care-leavers interpreters learning-disability autism
dementia transport faith-groups refugees veterans hoarding winter-pressures commissioning""".split()


def tags_yaml(repo_text):
    lines = [repo_text.rstrip("\n"), "",
             "# Synthetic corpus (bench/corpus.py): 46 more tags, so the vocabulary has 60.", ""]
    for slug, label, description in EXTRA_TAGS:
        lines += [f"{slug}:", f"  label: {q(label)}", f"  description: {q(description)}"]
        if slug in EXTRA_ALIASES:
            lines.append(f"  aliases: [{', '.join(EXTRA_ALIASES[slug])}]")
    return "\n".join(lines) + "\n"


def repo_tag_forms(repo_text):
    """slug -> [label, aliases...] of the repository's tags, for writing a tag the way a person might."""
    forms, slug = {}, None
    for line in repo_text.splitlines():
        m = re.match(r"^([a-z0-9-]+):\s*$", line)
        if m:
            slug = m.group(1)
            forms[slug] = []
            continue
        m = re.match(r"^  label: (.+)$", line)
        if m and slug:
            forms[slug].append(m.group(1).strip().strip('"'))
        m = re.match(r"^  aliases: \[(.*)\]$", line)
        if m and slug:
            forms[slug] += [a.strip() for a in m.group(1).split(",") if a.strip()]
    return forms


# ---------------------------------------------------------------------------------------------------------------
# Phrase bank. Every phrase is checked against the privacy guard's words: no "born", "birthday", "dob", "age(d)",
# "year(s) old", "dot", "(at)", "@", and no number longer than three digits.

def bank(text):
    return [" ".join(x.split()) for x in text.split("|")]


FIRST = bank("""Priya|Tomasz|Marnie|Ruth|Callum|Dev|Hana|Siobhan|Ines|Amara|Bryn|Cerys|Dimitri|Esme|Farah|Gus
|Hollis|Isla|Jonah|Kasia|Leon|Maeve|Nico|Odile|Pavel|Rosa|Sunny|Tobin|Uma|Viggo|Wren|Yara|Zeke|Alba|Bastian
|Coral|Declan|Elin|Fenna|Grier""")
SURNAME_A = bank("""Bramble|Thistle|Quill|Fennel|Heron|Lark|Moss|Copper|Willow|Marigold|Ashen|Rook|Sorrel
|Juniper|Linnet|Tansy|Wicker|Hazel|Pebble|Clover""")
SURNAME_B = bank("""worth|wick|field|down|brook|feather|cott|hollow|gate|thorpe|mere|ridge|stow|well|by""")
PLACES = bank("""Ashbridge|Millbrook|Fellside|Brackenfield|Kingsmead|Eastfield Vale|Stonecroft|Riverbend
|Hollinside|Lowfell Green|Wardley Moor|Saltwell Rise""")
TEAMS = bank("""Housing Options|Hospital Discharge Team|Community Mental Health Team|Drug and Alcohol Recovery
Service|Revenues and Benefits|Community Hubs|Libraries|Multiple and Complex Needs Lead Practitioners|Outreach
Team|High Frequency Contacts Group|Early Help Hub|Adult Social Care|Neighbourhood Team|Recovery Cafe
|Probation Partnership|Tenancy Support Service|Primary Care Network|Crisis Resolution Team|Social Prescribing
Link Workers|Women's Support Service""")

PERSON = bank("""a man we were supporting|a woman we had known for a while|a young man leaving care|an older
woman living alone|a man with no fixed address|a woman who had recently left hospital|a man who had been calling
999 most nights|a woman caring for her father|a young woman new to the area|a man just out of prison|a couple
behind on their rent|a man in recovery|a woman who had stopped opening her post|someone who had been turned away
twice|a man sleeping in his car|a woman fleeing a violent partner""")
ACTORS = bank("""the duty worker|our peer support worker|the night team|the ward manager|the GP practice|the
housing officer|the family|the crisis line|the social worker|the community nurse|the police liaison officer|a
volunteer|the team leader|the paramedic crew|the care coordinator|the recovery worker|the pharmacist|the
receptionist|the advice worker|the discharge coordinator|the lead practitioner|the library assistant|the
revenues officer|the link worker|the probation officer|the tenancy support worker""")
ACTS = bank("""called|met with|arranged a visit with|picked up the referral from|checked in with|sat down with
|rang back|wrote to|followed up with|handed over to|listened to|spent an hour with|went round to see|texted
|introduced us to|had a long conversation with|chased|asked for help from""")
WHEN = bank("""on the Friday afternoon|within two hours|the next morning|over the weekend|after the second missed
appointment|later that week|before the bank holiday|at the end of the shift|during the first visit|three days
later|while the waiting list was closed|on the day of discharge|just before Christmas|in the middle of the night
|at the multi-agency meeting|the same afternoon|a fortnight later|on the second day of the admission|first thing
on Monday""")
WHY = bank("""because nobody had the full picture|so that nobody had to repeat their story|which meant the
referral sat in a queue|even though the paperwork was incomplete|as soon as a room became available|without
waiting for a formal referral|because the criteria did not quite fit|so the family knew who to ring|rather than
sending another letter|which nobody had planned for|because that is what mattered to them|before things could
get worse|because the usual route would have taken weeks|so that the decision was made with the person in the
room""")
EXPECT = bank("""the referral to be picked up within a day|the discharge letter to reach the GP before the weekend
|housing to attend the meeting|the crisis plan to be shared with the out-of-hours service|a routine review with no
surprises|the family to be told about the change of worker|a quick handover between the two teams|the
interpreter to be booked in advance|the prescription to be ready on the ward|one phone call to be enough|around
one in five people to get in touch|the new process to settle in within a month|the three meetings to share their
lists quickly|the tenancy to be signed before the weekend""")
HAPPENED = bank("""the letter went to an old address|two teams each thought the other had made the call|the
person was discharged late on a Friday with no follow-up|the phone line rang out over the weekend|nobody knew the
case had been closed|the same story was told to four different people|the meeting went ahead without the person it
was about|the police were called because no one else picked up|the waiting list grew by another six weeks|an
ambulance was sent when a conversation would have done|the handover shrank to a single visit|the referral bounced
between three services|the plan was written but nobody read it|the first appointment was offered at a place two
buses away""")
REASONS = bank("""each service did its own part and nobody held the whole|we planned around our timetable, not
theirs|the process rewarded closing cases rather than keeping people|the information was there but in different
places|nobody had asked the person what they wanted|we treated a signal as a nuisance rather than a warning|the
one person who knew them was on leave|the criteria were written for a different service|a letter from the council
looks like a bill however it is worded|we assumed someone else had already rung""")
FACTORS = bank("""a single named contact|someone who already knew the family|being allowed to bend the criteria
|sitting in the same room|a shared plan that everyone could read|time to listen properly|a manager who backed the
decision|a peer worker with lived experience|knowing who to ring in housing|an honest conversation about risk|a
warm introduction rather than a referral form|asking what mattered before asking what was the matter|a cup of tea
and no clipboard|starting on the second day, not the last|the same worker from start to finish|a direct phone
line instead of the switchboard""")
SYSTEMS = bank("""the referral form|the shared care record|the out-of-hours rota|the eligibility criteria|the phone
tree|the discharge checklist|the case management system|the safeguarding threshold|the appointment letter|the
triage script|the contract measures|the duty rota""")
SYS_FAILS = bank("""did not allow free text|only showed the last three contacts|assumed a fixed address|was written
for a different service|sent people back to the start|had no field for what the person wanted|was only checked on
weekdays|counted contacts rather than outcomes|treated a relapse as a failure""")
FEELINGS = bank("""it was the first time anyone had asked what mattered to them|they felt passed from pillar to
post|they had stopped expecting anyone to call back|it helped to talk to someone who had been there|they wanted to
be part of the plan, not the subject of it|the small things made the biggest difference|being believed was the
turning point|they were tired of filling in forms|they had been dreading a knock at the door""")
CONNECT = bank("""However,|At the same time,|Because of this,|Later,|Meanwhile,|In the end,|Crucially,|Looking
back,|To be fair,|Even so,|As a result,|Honestly,|Over the following weeks,""")
OUTCOMES = bank("""they are still in the same home|they came back to the hub of their own accord|the arrears
action was paused|nobody had to tell their story twice|the 999 calls stopped almost entirely|the second admission
never happened|they now see the same worker every week|they chose the room they live in|they have started
volunteering at the recovery cafe|they set their own repayment plan|they went to the next meeting about them and
spoke first|the family knew exactly who to ring""")
WHERE = bank("""in other wards|for rent arrears and other debts owed to public bodies|in the other libraries|in
any team that holds a duty line|for people leaving prison|in the mental health wards|across the neighbourhood
teams|in the evening services|wherever there is a front desk""")
CAVEATS = bank("""it needs someone with the authority to say yes on the spot|it depends on named contacts, not
generic inboxes|it takes time that has to come from somewhere|a signal is not a diagnosis|not everyone wants a call,
and that is fine|we were also lucky with timing|it only works if the person chooses it""")
TOPICS = bank("""how much there is to carry|being the one person everyone rings|the death of someone we had
supported|being shouted at on the front desk|the guilt of the people we did not get to|keeping going through
winter|working with risk we cannot control|what we do with anger at the system|leaving work at work|the
difference between caring and carrying|starting in a new role|being asked to close cases too early""")
CHECKIN_WORDS = bank("""tired|stretched|flat|behind|hopeful|proud|wobbly|steady|numb|relieved|frazzled|okay""")
HELPED = bank("""Having the time protected, with nobody watching the clock|Hearing that others had the same
thoughts|Sharing small wins, which count even when they are not on any report|Our manager listening rather than
fixing|Practical swaps: a way of blocking an hour each morning for calls|A walk afterwards, and tea|Being reminded
that the review looks at the system, not at individual blame|Saying it out loud in a room of people who do the
same job|Knowing the session is in the diary every month""")
ACTIONS = bank("""Ring the GP directly rather than relying on the letter|Name one person to hold the case over the
weekend|Ask what matters before filling in the form|Invite the person to the meeting about them|Share the crisis
plan with the out-of-hours team|Book interpreters at the point of referral|Keep a named contact on every discharge
|Check the address before anything is posted|Hold a ten-minute huddle on Friday afternoons|Let peer workers take
referrals directly|Write the plan in the person's own words|Tell the family when the worker changes|Give every
person a named second practitioner|Flag no fixed address on admission, not on discharge|Keep the session monthly
and protected from duty cover|Start a good news thread for small wins""")
QUOTES = bank("""I did not have to explain myself again, and that meant everything.|Nobody told me who to ring, so
I rang 999.|It felt like they were working with me, not on me.|We had all the information; we just had it in
different places.|The best thing anyone did was sit down and have a cup of tea with me.|If we had talked on
Thursday, none of the weekend would have happened.|It was only when we stopped following the script that things
started to move.|Two missed appointments is exactly when someone needs you to turn up.|Holding the relationship is
the job. Holding all the risk is not.|You can't pour from an empty cup, but this job keeps handing us more
cups.""")
QUOTE_BY = bank("""team member|lead practitioner|key worker|someone we support|peer mentor|ward nurse|housing
officer|a member of the lived experience panel""")
LINKS = [("the co-production guide", "guides/co-production"), ("our discharge checklist", "tools/discharge-checklist"),
         ("the lead practitioner handbook", "handbooks/lead-practitioner"), ("the trauma-informed training notes",
         "training/trauma-informed"), ("the data sharing agreement template", "templates/data-sharing"),
         ("the People at the Heart summary", "reports/people-at-the-heart"), ("the peer-support session guide",
         "guides/peer-support-sessions"), ("the local directory of community groups", "directory/community-groups"),
         ("the welfare rights factsheet", "factsheets/welfare-rights"), ("the outreach script", "tools/outreach-script")]
PAID_FOR = bank("""three hours of a revenues officer's time for calls and one home visit|a housing officer and a
support worker meeting on the ward before discharge|a named worker's weekly visits over three months|a peer
mentor's sessions at the recovery cafe|two extra hours a week of a link worker's time|a taxi to the first
appointment and a phone top-up|a lead practitioner's time over two months|staff time for a fortnightly
multi-agency huddle|a small fund for deposits and first-week essentials""")
PERIODS = bank("""1 month|2 months|3 months|6 months|a year""")
OUTCOME_NOTES = bank("""compared with the previous six months|the landlord had started possession proceedings
|compared with the last admission|estimated by the ward team|counted from the duty log""")

TITLES = {
    "aar": [
        lambda r: f"A discharge {r.choice(WHEN)}",
        lambda r: f"When {r.choice(HAPPENED)}",
        lambda r: f"Why {r.choice(['friendlier letters', 'the new referral form', 'the weekend rota', 'the huddle', 'the shared plan', 'the duty line', 'the first handover', 'the waiting list check-in'])} did not work {r.choice(['as planned', 'at first', 'the way we hoped', 'for everyone'])}",
        lambda r: f"What we learned {r.choice(['when', 'after'])} {r.choice(HAPPENED)}",
        lambda r: f"{cap(r.choice(['a handover', 'a relapse', 'a missed appointment', 'an eviction notice', 'a closed case', 'a late referral', 'a complex cases meeting', 'a winter weekend']))} {r.choice(WHEN)}",
        lambda r: f"Keeping {r.choice(['the case', 'the tenancy', 'the door', 'the relationship', 'the plan'])} open {r.choice(['after a relapse', 'through the winter', 'when the worker left', 'after two missed appointments', 'when the criteria said no'])}",
    ],
    "bright-spot": [
        lambda r: f"How {r.choice(FACTORS)} helped {r.choice(PERSON)}",
        lambda r: f"{cap(r.choice(['a library', 'a leisure centre', 'a food bank', 'a recovery cafe', 'a reception desk', 'a ward', 'a phone call', 'a community hub', 'a pharmacy']))} that became a front door {r.choice(['in ' + p for p in PLACES])}",
        lambda r: f"{cap(r.choice(FACTORS))} {r.choice(['on the ward', 'at the front desk', 'in the hub', 'at the recovery cafe', 'in Housing Options', 'on the duty line', 'after discharge', 'at the library'])}",
        lambda r: f"The {r.choice(['call', 'visit', 'meeting', 'cup of tea', 'text', 'referral', 'huddle'])} that {r.choice(['opened a door', 'kept a tenancy', 'stopped the 999 calls', 'held', 'changed the plan', 'brought the family in', 'avoided an admission'])} {r.choice(['in ' + p for p in PLACES])}",
    ],
    "peer-support": [
        lambda r: f"{cap(r.choice(TOPICS))}",
        lambda r: f"Talking about {r.choice(TOPICS)} {r.choice(['in ' + p for p in PLACES])}",
        lambda r: f"{cap(r.choice(['a session on', 'notes on', 'after a hard month:', 'when we talked about']))} {r.choice(TOPICS)}",
    ],
}
FORUM_THEMES = bank("""Front doors that stay open|Signals and simple offers|Holding the thread|Money first|What
went well this year|Leaving hospital well|Relationships that do the work|Nothing about us without us|Small offers,
early|Getting through winter|Learning from relapse|Community before crisis|Sharing what we know|Looking after those
who look after""")
FORUM_VENUES = bank("""Civic Centre, Committee Room 2|Library, community room|Community Hub, main hall|Recovery
Cafe, upstairs room|Leisure Centre, meeting room|Town Hall, Council Chamber""")


def cap(s):
    return s[:1].upper() + s[1:]


def q(s):
    """A YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def slugify(text, limit=60):
    """As Slug.make: lower-case ASCII letters and digits, apostrophes dropped, anything else one hyphen."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "").replace("\u2019", "")).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def name(r):
    return f"{r.choice(FIRST)} {r.choice(SURNAME_A)}{r.choice(SURNAME_B)}"


WORD = re.compile(r"[A-Za-z0-9]\S*")


def words(text):
    """Words of Markdown text: whitespace-separated tokens holding a letter or digit (so not "##", "-", "|")."""
    return len(WORD.findall(text))


# ---------------------------------------------------------------------------------------------------------------
# Bodies. Sentence templates take (r, a, b): the RNG and two different actors.

def lower1(s):
    return s[:1].lower() + s[1:]


GENERAL = [
    lambda r, a, b: f"{cap(r.choice(WHEN))}, {a} {r.choice(ACTS)} {b} {r.choice(WHY)}.",
    lambda r, a, b: f"{cap(a)} {r.choice(ACTS)} {b} {r.choice(WHEN)}.",
    lambda r, a, b: f"{r.choice(CONNECT)} {a} {r.choice(ACTS)} {b}.",
    lambda r, a, b: f"{cap(r.choice(SYSTEMS))} {r.choice(SYS_FAILS)}, {r.choice(WHY)}.",
    lambda r, a, b: f"{cap(r.choice(PERSON))} told us that {r.choice(FEELINGS)}.",
    lambda r, a, b: f"{r.choice(CONNECT)} {r.choice(FACTORS)} mattered more than {r.choice(SYSTEMS)}.",
]
SPECIFIC = {
    ("aar", 0): [
        lambda r, a, b: f"{r.choice(['We expected', 'The plan assumed', 'Everyone expected', 'We had planned for'])} {r.choice(EXPECT)}.",
        lambda r, a, b: f"The work was with {r.choice(PERSON)}, and {a} was to {r.choice(['lead', 'hold the plan', 'make the first call', 'chair the meeting'])}."],
    ("aar", 1): [
        lambda r, a, b: f"{r.choice(['In practice,', 'Instead,', 'What happened was that', 'It turned out that'])} {r.choice(HAPPENED)}.",
        lambda r, a, b: f"Over {r.choice(['the next month', 'three weeks', 'the weekend', 'ten weeks'])}, {r.randint(2, 40)} {r.choice(['calls', 'contacts', 'visits', 'messages'])} went to {r.choice(['the duty line', 'A&E', 'the police', 'the crisis team'])}."],
    ("aar", 2): [
        lambda r, a, b: f"{r.choice(['Mostly because', 'Partly because', 'Looking back, because', 'Because'])} {r.choice(REASONS)}.",
        lambda r, a, b: f"Nobody owned {r.choice(SYSTEMS)}, so {r.choice(HAPPENED)}."],
    ("aar", 3): [
        lambda r, a, b: f"We will {lower1(r.choice(ACTIONS))}.",
        lambda r, a, b: f"We will keep {r.choice(FACTORS)}, because it worked."],
    ("bright-spot", 0): [
        lambda r, a, b: f"{cap(r.choice(PERSON))} {r.choice(['had been turned away twice', 'was known to four services', 'had missed three instalments', 'was due to leave hospital', 'had stopped answering the phone', 'was about to lose a tenancy'])}.",
        lambda r, a, b: f"Our usual route {r.choice(['was a letter, then another letter', 'was to wait for a referral', 'was to close the case after two missed appointments', 'ended at the front desk'])}."],
    ("bright-spot", 1): [
        lambda r, a, b: f"{r.choice(['Two months on,', 'A month later,', 'By the end of the week,', 'Since then,'])} {r.choice(OUTCOMES)}.",
        lambda r, a, b: f"{cap(a)} {r.choice(ACTS)} them {r.choice(WHEN)}, and {r.choice(OUTCOMES)}."],
    ("bright-spot", 2): [
        lambda r, a, b: f"{r.choice(['What made it work was', 'The key was', 'It came down to', 'Mostly it was'])} {r.choice(FACTORS)}.",
        lambda r, a, b: f"{cap(r.choice(FACTORS))}, and {r.choice(FACTORS)}."],
    ("bright-spot", 3): [
        lambda r, a, b: f"We think it could work {r.choice(WHERE)}, but {r.choice(CAVEATS)}.",
        lambda r, a, b: f"One caution: {r.choice(CAVEATS)}."],
    ("peer-support", 0): [
        lambda r, a, b: f"{cap(r.choice(['five', 'six', 'seven', 'eight', 'four']))} of us met in the usual room, with the door closed.",
        lambda r, a, b: f"The words were mostly {r.choice(CHECKIN_WORDS)}, {r.choice(CHECKIN_WORDS)} and {r.choice(CHECKIN_WORDS)}."],
    ("peer-support", 1): [
        lambda r, a, b: f"We talked about {r.choice(TOPICS)}.",
        lambda r, a, b: f"One colleague said {r.choice(FEELINGS)}."],
    ("peer-support", 2): [
        lambda r, a, b: f"{r.choice(HELPED)}.",
        lambda r, a, b: f"{r.choice(HELPED)} helped."],
    ("peer-support", 3): [
        lambda r, a, b: f"We agreed to {lower1(r.choice(ACTIONS))}."],
}
# Per (kind, section): the general templates plus that section's own, twice over.
TEMPLATES = {key: GENERAL + own * 2 for key, own in SPECIFIC.items()}


def sentence(r, kind, section):
    a = b = r.choice(ACTORS)
    while b == a:
        b = r.choice(ACTORS)
    s = r.choice(TEMPLATES.get((kind, section), GENERAL))(r, a, b)
    if r.random() < 0.08:  # occasional emphasis
        w = s.split(" ")
        i = r.randrange(1, len(w) - 1)
        if WORD.search(w[i]) and "*" not in w[i]:
            w[i] = f"*{w[i]}*" if r.random() < 0.6 else f"**{w[i]}**"
            s = " ".join(w)
    return s


def paragraph(r, kind, section, budget):
    """Sentences until about `budget` words (at most six sentences). Returns (text, words)."""
    parts, n = [], 0
    while n < budget and len(parts) < 6:
        s = sentence(r, kind, section)
        parts.append(s)
        n += len(s.split())  # prose: every token is a word
    if r.random() < 0.12:
        label, path = r.choice(LINKS)
        s = f"There is more in [{label}](https://example.org/{path}/)."
        parts.append(s)
        n += len(s.split())
    return " ".join(parts), n


def bullets(r, items, k, numbered=False):
    return "\n".join(f"{f'{j + 1}.' if numbered else '-'} {cap(x)}" for j, x in enumerate(r.sample(items, k)))


def table(r, kind):
    if kind == "aar":
        head = ["| When | What happened |", "| --- | --- |"]
        rows = [f"| {cap(w)} | {cap(h)} |" for w, h in zip(r.sample(WHEN, 5), r.sample(HAPPENED, 5))]
        if r.random() < 0.5:
            head = ["| Approach | Households | Conversations | Took up an offer of help |", "| --- | --- | --- | --- |"]
            rows = []
            for label in r.sample(["Letter", "Phone call, daytime only", "Text first, then call", "Home visit",
                                   "Drop-in at the library", "Call from a peer worker"], 4):
                total = r.randint(20, 150)
                talked = r.randint(1, total // 2)
                rows.append(f"| {label} | {total} | {talked} | {r.randint(0, talked)} |")
    elif kind == "bright-spot":
        head = ["| Step | Before | This time |", "| --- | --- | --- |"]
        rows = [f"| {cap(s)} | {cap(b)} | {cap(a)} |" for s, b, a in zip(
            r.sample(["When housing first heard", "Was the person in the conversation?", "Time of discharge",
                      "Who met them", "Medication", "First contact", "Who held the plan"], 5),
            r.sample(HAPPENED, 5), r.sample(FACTORS, 5))]
    else:
        head = ["| What we raised | What we will do |", "| --- | --- |"]
        rows = [f"| {cap(t)} | {a} |" for t, a in zip(r.sample(TOPICS, 5), r.sample(ACTIONS, 5))]
    return "\n".join(head + rows[:r.randint(3, 5)])


def special(r, kind, section, headings):
    """Fixed content that opens a section: the AAR's keep/change lists, the agreed actions."""
    last = len(headings) - 1
    if kind == "aar" and section == last:
        return ["**Keep doing:**", bullets(r, ACTIONS, r.randint(2, 4)),
                "**Do differently:**", bullets(r, ACTIONS, r.randint(2, 4))]
    if kind == "bright-spot" and section == 2:
        return [bullets(r, FACTORS, r.randint(3, 5), True)]
    if kind == "peer-support" and section == last:
        return [bullets(r, ACTIONS, r.randint(2, 5), True)]
    if kind == "peer-support" and section == 2:
        return [bullets(r, HELPED, r.randint(2, 4))]
    return []


def list_bank(kind, section, sections):
    """What a list in this section lists: reasons in an AAR's "why", actions in the last section, else factors."""
    if section == sections - 1:
        return ACTIONS
    if kind == "aar" and section == 2:
        return REASONS
    if kind == "peer-support":
        return HELPED if section == 2 else TOPICS
    return FACTORS


def body(r, kind, headings, target, table_at, wiki):
    """Markdown body of about `target` words under the kind's headings. Returns (text, words)."""
    blocks, total = [], 0
    if r.random() < 0.4:
        intro, n = paragraph(r, kind, 1, r.randint(25, 50))
        blocks.append(intro)
        total += n
    for i, h in enumerate(headings):
        heading = f"## {h}"
        blocks.append(heading)
        total += words(heading)
        for b in special(r, kind, i, headings):
            blocks.append(b)
            total += words(b)
        goal = total + (target - total) / (len(headings) - i)
        prev = "h"
        if i == table_at:
            t = table(r, kind)
            blocks.append(t)
            total += words(t)
        while total < goal:
            x = r.random()
            if prev == "p" and x < 0.10:
                text, prev = f"> {r.choice(QUOTES)} — {r.choice(QUOTE_BY)}", "q"
                n = words(text)
            elif prev == "p" and x < 0.20:
                text, prev = bullets(r, list_bank(kind, i, len(headings)), r.randint(3, 5), r.random() < 0.4), "l"
                n = words(text)
            else:
                (text, n), prev = paragraph(r, kind, i, min(max(goal - total, 20), r.randint(40, 110))), "p"
            blocks.append(text)
            total += n
        if wiki and i == 1:
            text = f"We wrote about something similar in [[{wiki}]]."
            blocks.append(text)
            total += words(text)
    return "\n\n".join(blocks) + "\n", total


# ---------------------------------------------------------------------------------------------------------------
# Entries and editions.

class Corpus:
    def __init__(self, seed):
        self.seed = seed
        site = (SOURCE / "site.yaml").read_text(encoding="utf-8")
        self.site_text = site
        self.kinds = read_kinds(site)
        for kind, _ in KIND_WEIGHTS:
            if len(self.kinds.get(kind, [])) < 2:
                sys.exit(f"corpus.py: Content/site.yaml has no sections for kind {kind}")
        self.principles_text = (SOURCE / "principles.yaml").read_text(encoding="utf-8")
        self.principles = read_list(self.principles_text, "slug")
        self.unit_costs_text = (SOURCE / "unit-costs.yaml").read_text(encoding="utf-8")
        self.unit_values = read_unit_values(self.unit_costs_text)
        self.codes = read_list(self.unit_costs_text, "code")
        self.repo_tags_text = (SOURCE / "tags.yaml").read_text(encoding="utf-8")
        self.tag_forms = repo_tag_forms(self.repo_tags_text)
        for slug, label, _ in EXTRA_TAGS:
            self.tag_forms[slug] = [label] + EXTRA_ALIASES.get(slug, [])
        known = set(self.tag_forms)
        missing = [t for t in ZIPF_ORDER if t not in known]
        if missing or len(set(ZIPF_ORDER)) != len(known):
            sys.exit(f"corpus.py: ZIPF_ORDER and the tag vocabulary disagree: {missing or sorted(known - set(ZIPF_ORDER))}")
        self.tag_cum = list(itertools.accumulate(1.0 / (k + 1) for k in range(len(ZIPF_ORDER))))
        self.principle_cum = list(itertools.accumulate(1.0 / (k + 1) for k in range(len(self.principles))))
        self.kind_cum = list(itertools.accumulate(w for _, w in KIND_WEIGHTS))
        self.days = (LAST_DAY - FIRST_DAY).days + 1
        self.used = set()
        self.slugs = []         # slug of entry i, for links to earlier entries
        self.stats = []         # (kind, words, roi, forum, table, tags)

    def zipf(self, r, items, cum, k):
        chosen = set()
        while len(chosen) < k:
            chosen.add(bisect.bisect_right(cum, r.random() * cum[-1]))
        return [items[j] for j in sorted(chosen)]

    def entry(self, i):
        r = random.Random(f"{self.seed}:{i}")
        kind = KIND_WEIGHTS[bisect.bisect_right(self.kind_cum, r.random() * self.kind_cum[-1])][0]
        day = FIRST_DAY + datetime.timedelta(days=r.randrange(self.days))
        title = r.choice(TITLES[kind])(r)
        slug = base = slugify(title)
        n = 2
        while slug in self.used:
            slug, n = f"{base}-{n}", n + 1
        self.used.add(slug)
        self.slugs.append(slug)

        author = "anonymous" if r.random() < ANONYMOUS_SHARE[kind] else name(r)
        if kind == "peer-support":
            team = f"{r.choice(TEAMS)} peer group"
        else:
            team = f"{r.choice(PLACES)} {r.choice(TEAMS)}" if r.random() < 0.7 else r.choice(TEAMS)
        tags = self.zipf(r, ZIPF_ORDER, self.tag_cum, r.randint(2, 5))
        # A person writes a tag as its slug, mostly; sometimes as its label or an alias (all normalise to the slug).
        written = [t if r.random() < 0.92 or not self.tag_forms[t] else r.choice(self.tag_forms[t]) for t in tags]
        principles = self.zipf(r, self.principles, self.principle_cum, r.randint(1, 4))

        fm = ["---", f"title: {q(title)}", f"date: {day.isoformat()}", f"kind: {kind}",
              f"author: {author if author == 'anonymous' else q(author)}", f"team: {q(team)}",
              "tags: [" + ", ".join(written) + "]", "principles: [" + ", ".join(principles) + "]"]
        if r.random() < SUMMARY_SHARE:
            fm.append(f"summary: {q(self.summary(r, kind))}")
        forum = None
        if r.random() < FORUM_SHARE.get(kind, 0):
            month = (day.year, day.month) if r.random() < 0.4 or (day.year, day.month) == (2024, 12) else \
                ((day.year, day.month + 1) if day.month < 12 else (day.year + 1, 1))
            forum = f"{month[0]:04d}-{month[1]:02d}"
            fm.append(f"forum: {forum}")
        x = r.random()
        if kind == "peer-support":
            if x < 0.10:
                fm.append("visibility: private")
            elif x < 0.15:
                fm.append("visibility: internal")
        elif x < 0.05:
            fm.append("visibility: internal")
        if i > 0 and r.random() < RELATED_SHARE:
            picks = sorted({r.randrange(max(0, i - 500), i) for _ in range(r.randint(1, 2))})
            fm.append("related: [" + ", ".join(self.slugs[j] for j in picks) + "]")
        has_roi = r.random() < ROI_SHARE[kind]
        if has_roi:
            fm += self.roi(r)
        fm.append("---")

        headings = self.kinds[kind]
        table_at = r.randrange(len(headings)) if r.random() < TABLE_SHARE else -1
        wiki = self.slugs[r.randrange(i)] if i > 0 and r.random() < WIKILINK_SHARE else None
        target = min(1470, max(300, round(r.triangular(300, 1500, 600))))
        text, count = body(r, kind, headings, target, table_at, wiki)
        self.stats.append((kind, count, has_roi, forum, table_at >= 0, tags))
        path = os.path.join("Content", kind, str(day.year), f"{slug}.md")
        return path, "\n".join(fm) + "\n\n" + text, forum

    def summary(self, r, kind):
        if kind == "aar":
            return cap(f"we expected {r.choice(EXPECT)}; instead {r.choice(HAPPENED)}. "
                       f"What we will change: {lower1(r.choice(ACTIONS))}.")
        if kind == "bright-spot":
            return f"{cap(r.choice(FACTORS))} made the difference for {r.choice(PERSON)}, and {r.choice(OUTCOMES)}."
        return f"A peer-support session about {r.choice(TOPICS)}, and what helped."

    def roi(self, r):
        lines = ["roi:", f"  cost: {r.choice([r.randrange(50, 1000, 10), r.randrange(100, 5000, 50)])}",
                 f"  paid_for: {q(r.choice(PAID_FOR))}", "  outcomes:"]
        for code in r.sample(self.codes, r.choice([1, 1, 2, 2, 3])):
            value = self.unit_values.get(code, 100)
            count = r.randint(1, 2) if value > 2000 else r.randint(1, 6) if value > 300 else r.randint(1, 15)
            lines += [f"    - code: {code}", f"      count: {count}"]
            if r.random() < 0.4:
                lines.append(f"      period: {r.choice(PERIODS)}")
            if r.random() < 0.2:
                lines.append(f"      note: {q(r.choice(OUTCOME_NOTES))}")
        if r.random() < 0.3:
            lines.append(f"  deadweight: {r.choice([0, 10, 20, 25, 40, 50])}")
        if r.random() < 0.3:
            lines.append(f"  attribution: {r.choice([0, 10, 25, 30, 50])}")
        return lines

    def edition(self, year, month):
        r = random.Random(f"{self.seed}:forum:{year:04d}-{month:02d}")
        # A Wednesday or Thursday in the third week.
        weekday = r.choice([2, 3])
        first = datetime.date(year, month, 1)
        day = first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 14)
        start = r.choice(["10:00", "13:30", "14:00", "14:00"])
        minutes = int(start[:2]) * 60 + int(start[3:]) + r.choice([60, 90, 90, 120])
        fm = ["---", f"date: {day.isoformat()}", f'start: "{start}"']
        if r.random() < 0.6:
            fm.append(f'end: "{minutes // 60:02d}:{minutes % 60:02d}"')
        where = r.random()
        if where < 0.8:
            fm.append(f"place: {r.choice(PLACES)} {r.choice(FORUM_VENUES)}")
        if where > 0.5:
            fm.append("online: https://meet.example.org/bright-spots")
        fm += [f"host: {name(r)}", f"theme: {r.choice(FORUM_THEMES)}"]
        if r.random() < 0.4:
            fm.append(f"slot_minutes: {r.choice([15, 20, 25])}")
        fm.append("---")
        if r.random() < 0.8:
            notes = ["## What we learned", "", bullets(r, [f"{cap(f)} mattered more than {s}." for f, s in
                                                         zip(r.sample(FACTORS, 4), r.sample(SYSTEMS, 4))], r.randint(2, 3)),
                     "", "## Who will try what", "",
                     bullets(r, [f"{t} will {lower1(a)} for three months." for t, a in
                                 zip(r.sample(TEAMS, 4), r.sample(ACTIONS, 4))], r.randint(1, 3))]
        else:
            notes = [r.choice(["Bring a colleague who has never been to a forum.", "A shorter forum this month.",
                               "Tea from a quarter of an hour before the start."])]
        return "\n".join(fm) + "\n\n" + "\n".join(notes) + "\n"


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of entries")
    ap.add_argument("out", help="project folder to write (its Content/ is replaced)")
    ap.add_argument("--seed", default="1", help="seed (default 1)")
    a = ap.parse_args()
    started = time.monotonic()
    out = Path(a.out)
    content = out / "Content"
    if content.exists():
        if not (out / MARKER).exists():
            sys.exit(f"corpus.py: {content} exists and was not written by corpus.py; remove it or choose another OUT")
        shutil.rmtree(content)
    content.mkdir(parents=True)
    write(out / MARKER, "Written by bench/corpus.py; its Content/ is replaced on the next run.\n")

    corpus = Corpus(a.seed)
    write(content / "site.yaml", site_yaml(corpus.site_text))
    write(content / "principles.yaml", corpus.principles_text)
    write(content / "unit-costs.yaml", corpus.unit_costs_text)
    write(content / "tags.yaml", tags_yaml(corpus.repo_tags_text))
    (content / "forum").mkdir()
    for year in range(FIRST_DAY.year, LAST_DAY.year + 1):
        for month in range(1, 13):
            write(content / "forum" / f"{year:04d}-{month:02d}.md", corpus.edition(year, month))

    folders = set()
    for i in range(a.n):
        rel, text, _ = corpus.entry(i)
        folder = os.path.dirname(rel)
        if folder not in folders:
            (out / folder).mkdir(parents=True, exist_ok=True)
            folders.add(folder)
        write(out / rel, text)

    s = corpus.stats
    if s:
        counts = sorted(w for _, w, *_ in s)
        tag_freq = {}
        for *_, tags in s:
            for t in tags:
                tag_freq[t] = tag_freq.get(t, 0) + 1
        top = max(tag_freq.items(), key=lambda kv: (kv[1], kv[0]))
        kinds = {k: sum(1 for e in s if e[0] == k) for k, _ in KIND_WEIGHTS}
        bright = kinds.get("bright-spot", 0) or 1
        print(f"{a.n} entries ({', '.join(f'{k} {v}' for k, v in kinds.items())}) in {out}, "
              f"{time.monotonic() - started:.1f} s")
        print(f"words min {counts[0]} median {statistics.median(counts):.0f} max {counts[-1]} "
              f"(total {sum(counts)}); roi {sum(e[2] for e in s) / len(s):.1%}; "
              f"forum {sum(1 for e in s if e[3]) / bright:.1%} of bright spots; "
              f"tables {sum(e[4] for e in s) / len(s):.1%}; top tag {top[0]} on {top[1] / len(s):.1%}")


if __name__ == "__main__":
    main()
