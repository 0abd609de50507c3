"""The demo newsroom as data: two stories and everything they refer to.

Rows refer to one another by slug (photos by key), so the loader can find
what already exists instead of creating it twice. The loader builds them
through the model factories, so every field a factory gives a value to is
given one here too, even an empty one. Every sentence here is the desk's own;
only names, titles, dates and the report title are facts.
"""

import datetime
from zoneinfo import ZoneInfo

D = datetime.date
HONG_KONG = ZoneInfo("Asia/Hong_Kong")

SIGNING_DAY = D(2026, 1, 14)  # a Wednesday, the day before the first story
FORUM_DAY = D(2026, 1, 22)

SECTIONS = [
    {
        "name": "Innovation",
        "description": "Research, technology and the people turning ideas into companies.",
        "order": 0,
    },
    {
        "name": "Business",
        "description": "Deals, investment and the money behind new industries.",
        "order": 1,
    },
]

# Parents come before their children.
ORGANISATIONS = [
    {
        "slug": "hkust",
        "name": "Hong Kong University of Science and Technology",
        "short_name": "HKUST",
        "kind": "university",
        "city": "Hong Kong",
        "description": "Public research university in Hong Kong.",
    },
    {
        "slug": "hkust-business-school",
        "name": "HKUST Business School",
        "aliases": ["Business School of HKUST"],
        "kind": "faculty",
        "parent": "hkust",
        "city": "Hong Kong",
        "description": "The business faculty of HKUST.",
    },
    {
        "slug": "center-for-technology-and-business-ecosystem",
        "name": "Center for Technology and Business Ecosystem",
        "kind": "research_centre",
        "parent": "hkust-business-school",
        "city": "Hong Kong",
        "description": "HKUST research unit studying how technology industries and markets grow.",
    },
    {
        "slug": "caijing",
        "name": "Caijing",
        "kind": "media",
        "city": "Beijing",
        "description": "Business magazine published in Beijing.",
    },
    {
        "slug": "zte",
        "name": "ZTE",
        "kind": "company",
        "city": "Shenzhen",
        "description": "Telecommunications multinational headquartered in Shenzhen.",
    },
    {
        "slug": "iflytek",
        "name": "iFlytek",
        "kind": "company",
        "city": "",
        "description": "Chinese artificial intelligence company best known for speech technology.",
    },
    {
        "slug": "shanghai-healthcare-capital",
        "name": "Shanghai Healthcare Capital",
        "kind": "investment_fund",
        "city": "Shanghai",
        "description": "Investment fund set up at municipal level in Shanghai.",
    },
    {
        "slug": "ernst-young",
        "name": "Ernst & Young",
        "short_name": "EY",
        "kind": "company",
        "city": "",
        "description": "Professional services and advisory firm.",
    },
    {
        "slug": "cnpc",
        "name": "China National Petroleum Corporation",
        "short_name": "CNPC",
        "kind": "company",
        "city": "",
        "description": "State-owned oil and gas producer.",
    },
    {
        "slug": "hong-kong-investment-management",
        "name": "Hong Kong Investment Management Limited",
        "aliases": ["Hong Kong Investment Management"],
        "kind": "company",
        "city": "Hong Kong",
        "description": "Investor that pairs capital with promising Hong Kong technology firms.",
    },
    {
        "slug": "smartmore",
        "name": "SmartMore",
        "kind": "company",
        "city": "Hong Kong",
        "description": "Hong Kong AI unicorn valued at more than $1 billion.",
    },
    {
        "slug": "china-daily",
        "name": "China Daily",
        "kind": "media",
        "city": "",
        "description": "English-language newspaper group.",
    },
    {
        "slug": "hksar-government",
        "name": "Government of the Hong Kong Special Administrative Region",
        "short_name": "HKSAR Government",
        "kind": "government",
        "city": "Hong Kong",
        "description": "The executive government of Hong Kong.",
    },
]

# `positions` pairs an organisation slug with the title as printed.
PEOPLE = [
    {
        "slug": "chan-mo-po",
        "display_name": "Chan Mo-po",
        "family_name": "Chan",
        "given_names": "Mo-po",
        "native_name": "陳茂波",
        "bio": "Financial Secretary of Hong Kong.",
        "positions": [("hksar-government", "Financial Secretary")],
    },
    {
        "slug": "tim-cheng-kwang-ting",
        "display_name": "Tim Cheng Kwang-ting",
        "family_name": "Cheng",
        "given_names": "Kwang-ting",
        "english_name": "Tim",
        "native_name": "鄭光廷",
        "aliases": ["Tim Cheng", "Cheng Kwang-ting"],
        "bio": "Leads research and development at HKUST as one of its vice-presidents.",
        "positions": [("hkust", "vice-president for research and development")],
    },
    {
        "slug": "liang-weibin",
        "display_name": "Liang Weibin",
        "family_name": "Liang",
        "given_names": "Weibin",
        "bio": "Partner at Shanghai Healthcare Capital.",
        "positions": [("shanghai-healthcare-capital", "partner")],
    },
    {
        "slug": "cui-li",
        "display_name": "Cui Li",
        "family_name": "Cui",
        "given_names": "Li",
        "bio": "Chief development officer at ZTE.",
        "positions": [("zte", "chief development officer")],
    },
    {
        "slug": "wu-junhua",
        "display_name": "Wu Junhua",
        "family_name": "Wu",
        "given_names": "Junhua",
        "bio": "Vice-president at iFlytek.",
        "positions": [("iflytek", "vice-president")],
    },
    {
        "slug": "he-gang",
        "display_name": "He Gang",
        "family_name": "He",
        "given_names": "Gang",
        "native_name": "何刚",
        "bio": "Chief editor of Caijing magazine.",
        "positions": [("caijing", "chief editor")],
    },
    {
        "slug": "hui-kai-lung",
        "display_name": "Hui Kai-Lung",
        "family_name": "Hui",
        "given_names": "Kai-Lung",
        "native_name": "許佳龍",
        "aliases": ["Kai-Lung Hui"],
        "bio": "Acting dean of the HKUST Business School.",
        "positions": [("hkust-business-school", "acting dean")],
    },
    {
        "slug": "li-xiaoyun",
        "display_name": "Li Xiaoyun",
        "family_name": "Li",
        "given_names": "Xiaoyun",
        "bio": "Reporter in Hong Kong covering innovation and technology.",
        "positions": [("china-daily", "reporter")],
    },
    {
        "slug": "andy-chong",
        "display_name": "Andy Chong",
        "family_name": "Chong",
        "given_names": "Andy",
        "english_name": "Andy",
        "bio": "Photographer in Hong Kong.",
        "positions": [("china-daily", "photographer")],
    },
]

FORUM = "caijing-innovation-and-technology-forum-2026"
ART_FESTIVAL = "hong-kong-ai-art-festival-2025"
SIGNING = "hkim-smartmore-partnership-signing-2026"

FORUM_SERIES = "caijing-innovation-and-technology-forum"
# Invented to show how a series reads: no such editions are reported anywhere.
DEMO_PAST_FORUM = "caijing-innovation-and-technology-forum-2025"
DEMO_NEXT_FORUM = "caijing-innovation-and-technology-forum-2027"
DEMO_NOTE = "Demo content: this edition is invented to show how an event series reads."

EVENT_SERIES = [
    {
        "slug": FORUM_SERIES,
        "name": "Caijing innovation and technology forum",
        "description": (
            "Caijing's yearly Hong Kong gathering of researchers, investors and company "
            "leaders on carrying technology from the laboratory to the market."
        ),
    },
]

# Appearances are listed in programme order; `position` names the organisation
# of the title each person was introduced with.
EVENTS = [
    {
        "slug": FORUM,
        "name": "Caijing innovation and technology forum",
        "series": FORUM_SERIES,
        "edition": "2026",
        "kind": "forum",
        "status": "held",
        "start_date": FORUM_DAY,
        "venue": "",
        "city": "Hong Kong",
        "description": (
            "A day of talks and a panel on turning research into business, organised "
            "by Caijing with the HKUST Business School as academic partner."
        ),
        "hosts": ["caijing"],
        "supporters": [("hkust-business-school", "academic support")],
        "appearances": [
            {"person": "tim-cheng-kwang-ting", "role": "opening_remarks", "position": "hkust"},
            {
                "person": "liang-weibin",
                "role": "speaker",
                "position": "shanghai-healthcare-capital",
            },
            {"person": "cui-li", "role": "speaker", "position": "zte"},
            {"person": "wu-junhua", "role": "speaker", "position": "iflytek"},
            *[
                {"person": person, "role": "panellist", "position": org, "session": "Panel"}
                for person, org in [
                    ("he-gang", "caijing"),
                    ("hui-kai-lung", "hkust-business-school"),
                    ("cui-li", "zte"),
                    ("wu-junhua", "iflytek"),
                ]
            ],
        ],
    },
    {
        "slug": DEMO_PAST_FORUM,
        "name": "Caijing innovation and technology forum (demo edition)",
        "series": FORUM_SERIES,
        "edition": "2025",
        "kind": "forum",
        "status": "held",
        "start_date": D(2025, 1, 16),
        "city": "Hong Kong",
        "description": DEMO_NOTE,
        "hosts": ["caijing"],
        "supporters": [("hkust-business-school", "academic support")],
        "appearances": [
            {"person": "tim-cheng-kwang-ting", "role": "keynote", "position": "hkust"},
            {"person": "he-gang", "role": "moderator", "position": "caijing", "session": "Panel"},
            {
                "person": "hui-kai-lung",
                "role": "panellist",
                "position": "hkust-business-school",
                "session": "Panel",
            },
        ],
    },
    {
        "slug": DEMO_NEXT_FORUM,
        "name": "Caijing innovation and technology forum (demo edition)",
        "series": FORUM_SERIES,
        "edition": "2027",
        "kind": "forum",
        "status": "scheduled",
        "start_date": D(2027, 1, 21),
        "start_time": datetime.time(9, 30),
        "end_time": datetime.time(17, 0),
        "city": "Hong Kong",
        "description": DEMO_NOTE,
        "hosts": ["caijing"],
    },
    {
        "slug": ART_FESTIVAL,
        "name": "Hong Kong AI Art Festival",
        "kind": "festival",
        "status": "held",
        "start_date": D(2025, 12, 19),
        "venue": "Hong Kong Convention and Exhibition Centre, Wan Chai",
        "city": "Hong Kong",
        "description": "Art made with, and about, artificial intelligence, open to the public.",
    },
    {
        "slug": SIGNING,
        "name": "Hong Kong Investment Management and SmartMore partnership signing",
        "kind": "signing",
        "status": "held",
        "start_date": SIGNING_DAY,
        "venue": "",
        "city": "Hong Kong",
        "description": (
            "The two companies put their names to a strategic partnership on AI "
            "research, talent and smart manufacturing."
        ),
        "hosts": ["hong-kong-investment-management", "smartmore"],
    },
]

REPORT_TITLE = (
    "Measuring the Future: Constructing a Dual-Dimension Index of Technology Development "
    "Potential and Ecosystem Co-Benefit Capacity for Global Leading Tech Cities"
)

DOCUMENTS = [
    {
        "slug": "measuring-the-future-tech-cities-index",
        "title": REPORT_TITLE,
        "kind": "report",
        "event": FORUM,
        "released_on": FORUM_DAY,
        "publishers": ["center-for-technology-and-business-ecosystem", "ernst-young"],
        "summary": (
            "Scores leading technology cities on two measures: their potential for "
            "technological development and how widely their ecosystems share the gains. "
            "Hong Kong now sits above the global average, held back by too few "
            "fast-growing tech firms and thin venture and late-stage funding."
        ),
    },
]

VR_PHOTO, OPENING_PHOTO, PANEL_PHOTO = "ai-art-festival-vr", "forum-opening", "forum-panel"

# `people` is left to right as the caption names them. `label` and `colours`
# drive the generated placeholder image.
PHOTOS = [
    {
        "key": VR_PHOTO,
        "label": "Hong Kong AI Art Festival",
        "colours": ("#123c69", "#5fc9c1"),
        "caption": (
            "A child tries out a virtual reality headset at the Hong Kong AI Art Festival, "
            "staged at the Wan Chai convention centre, on Dec 19, 2025."
        ),
        "credit": "ANDY CHONG / CHINA DAILY",
        "photographer": "andy-chong",
        "source": "china-daily",
        "alt_text": "A child wearing a virtual reality headset at an exhibition.",
        "taken_on": D(2025, 12, 19),
        "place": "Hong Kong Convention and Exhibition Centre, Wan Chai",
        "event": ART_FESTIVAL,
        "people": [],
    },
    {
        "key": OPENING_PHOTO,
        "label": "Opening remarks: Tim Cheng Kwang-ting",
        "colours": ("#3d1e6d", "#e0a458"),
        "caption": (
            "HKUST's Tim Cheng Kwang-ting opens the Caijing forum on innovation and "
            "technology on Jan 22, 2026."
        ),
        "credit": "PROVIDED TO CHINA DAILY",
        "source": "china-daily",
        "alt_text": "Tim Cheng Kwang-ting speaking from the stage at the forum.",
        "taken_on": FORUM_DAY,
        "place": "Hong Kong",
        "event": FORUM,
        "people": ["tim-cheng-kwang-ting"],
    },
    {
        "key": PANEL_PHOTO,
        "label": "Panel: He Gang, Hui Kai-Lung, Cui Li, Wu Junhua",
        "colours": ("#0b3d2e", "#c7d66d"),
        "caption": (
            "From left: Caijing chief editor He Gang, HKUST Business School acting dean "
            "Hui Kai-Lung, ZTE chief development officer Cui Li and iFlytek vice-president "
            "Wu Junhua during the forum's panel discussion on Jan 22, 2026."
        ),
        "credit": "PROVIDED TO CHINA DAILY",
        "source": "china-daily",
        "alt_text": "Four panellists side by side on the forum stage.",
        "taken_on": FORUM_DAY,
        "place": "Hong Kong",
        "event": FORUM,
        "people": ["he-gang", "hui-kai-lung", "cui-li", "wu-junhua"],
    },
]

PARTNERSHIP_STORY = "smartmore-partnership-puts-talent-at-heart-of-hong-kong-ai-drive"
FORUM_STORY = "capital-can-carry-hong-kong-tech-from-lab-to-market-forum-hears"

CHAN_QUOTE = (
    "Artificial intelligence is where our innovation ecosystem is moving fastest, and I "
    "expect more local companies to choose Hong Kong for their investment."
)
CHENG_QUOTE = (
    "Our technology sector has grown remarkably quickly. The next step is to look "
    "outwards and build an ecosystem that can stand on its own feet as a business."
)
LIANG_QUOTE = (
    "Good projects go where money is plentiful and the rules are open, and that is "
    "what an international financial centre like Hong Kong can offer."
)
CUI_QUOTE = (
    "Raw capability no longer settles the contest. What matters now is how cheaply a "
    "model runs, what it does for a customer and whether you can grow an ecosystem "
    "around it."
)
WU_QUOTE = (
    "Nobody wins any more by owning the biggest model. Customers ask what it is worth "
    "to them, and the answer comes when AI is built into the way a business runs."
)

ARTICLES = [
    {
        "slug": PARTNERSHIP_STORY,
        "kicker": "Partnership",
        "headline": "SmartMore partnership puts talent at the heart of Hong Kong's AI drive",
        "standfirst": (
            "Financial Secretary Chan Mo-po sees the tie-up between a local investor and a "
            "home-grown AI unicorn as a sign that capital and research are starting to "
            "pull together."
        ),
        "body": (
            "<p>Hong Kong has good reason to feel confident about its innovation economy, "
            "and about artificial intelligence in particular, Financial Secretary Chan "
            "Mo-po said after Hong Kong Investment Management Limited and SmartMore signed "
            "a strategic partnership on Wednesday.</p>"
            "<p>SmartMore, a Hong Kong AI company valued at more than $1 billion, will work "
            "with the investor on research and on training the engineers the industry "
            "keeps saying it cannot find. The agreement also commits more money to "
            "research and development.</p>"
            "<p>The HKSAR Government wants new industries and business models to take root "
            "as the economy shifts, and officials see deals like this one as a way to keep "
            "growth on a sound footing.</p>"
            f"<blockquote><p>“{CHAN_QUOTE}”</p></blockquote>"
            "<h2>From the lab to the factory floor</h2>"
            "<p>The partners plan to test AI in smart manufacturing and to look for uses "
            "across the Greater Bay Area, the cluster of cities in Guangdong, Hong Kong and "
            "Macao where manufacturers and service firms alike are moving their operations "
            "onto digital systems.</p>"
            "<p>Software that reads documents, recognises pictures and understands speech "
            "is already changing how companies sift information and reach decisions. The "
            "harder part, people in the industry say, is picking the uses that fix real "
            "problems and earn their keep.</p>"
            "<p>Hong Kong Investment Management describes its role as a matchmaker: it "
            "backs promising technology firms and their founders with money and market "
            "access, and introduces young companies to established ones that might become "
            "their customers.</p>"
            "<p>Because systems that learn quickly can be packaged once and adapted for "
            "many industries, Chan expects the technology to help several sectors at a "
            "time, and he hopes more local businesses will put their money into the "
            "city.</p>"
            "<h2>Room for more unicorns</h2>"
            "<p>Hong Kong's start-ups valued at $1 billion or more are together worth "
            "billions of dollars, in fields from life sciences to autonomous driving. With "
            "public spending on technology beginning to pay off, the hope is that more "
            "home-grown firms will reach that mark and draw other founders to the "
            "city.</p>"
            "<p>The start-up scene has been growing by about 7 percent a year, helped by "
            "founders who have moved to Hong Kong from around the world.</p>"
        ),
        "dateline": "Hong Kong",
        "section": "Business",
        "published_at": datetime.datetime(2026, 1, 15, 11, 0, tzinfo=HONG_KONG),
        "contact_email": "innovation-desk@example.org",
        "authors": ["li-xiaoyun"],
        "tags": ["artificial intelligence", "start-ups", "talent", "Greater Bay Area"],
        "events": [SIGNING],
        "lead_photo": VR_PHOTO,
        "photos": [],
        "qa": [
            (
                "What have Hong Kong Investment Management Limited and SmartMore agreed?",
                "A strategic partnership to spend more on AI research and development in "
                "Hong Kong, train the specialists the sector is short of and help new "
                "industries and business models take hold.",
            ),
            (
                "What difference could the deal make to the city's technology scene?",
                "By bringing money and market access to young companies, it is meant to "
                "connect start-ups with established firms and make Hong Kong an easier "
                "place to turn technology into value.",
            ),
            (
                "Which industries stand to gain?",
                "Life sciences, autonomous driving and smart manufacturing among others. "
                "AI models learn fast and can be standardised, so one set of tools can be "
                "tuned to the particular problems of each industry.",
            ),
        ],
        "key_issues": [
            (
                "Not enough specialists",
                "Employers want more trained technology workers than the city produces, "
                "so money for training matters as much as money for research.",
            ),
            (
                "Staying open to the world",
                "Political and economic shifts in the region make it all the more "
                "important for the city's innovators to keep close ties with global "
                "markets.",
            ),
            (
                "Rules that keep pace",
                "New AI products test existing regulation. Policymakers need rules that "
                "leave room for new ideas while protecting consumers and companies.",
            ),
        ],
        "pros": [
            "Skilled, well-paid jobs, and a reason for international talent to move here.",
            "An economy that leans less on its traditional industries.",
            "Each new home-grown unicorn adds to the city's standing against its rivals.",
        ],
        "cons": [
            "Innovation bets can fail when a market or its customers never materialise.",
            "Many firms chasing the same engineers and funding can overheat salaries and "
            "valuations.",
            "An economy that leans on technology growth is exposed if that growth stalls, "
            "unless it stays diversified.",
        ],
        "quotes": [{"person": "chan-mo-po", "event": None, "text": CHAN_QUOTE}],
        "mentions": [
            ("person", "chan-mo-po", "Chan Mo-po"),
            (
                "organisation",
                "hong-kong-investment-management",
                "Hong Kong Investment Management Limited",
            ),
            ("organisation", "smartmore", "SmartMore"),
            ("organisation", "hksar-government", "HKSAR Government"),
            ("event", SIGNING, "signed a strategic partnership"),
        ],
        "links": [
            {"label": "read_more", "article": FORUM_STORY},
        ],
    },
    {
        "slug": FORUM_STORY,
        "kicker": "Forum",
        "headline": "Capital can carry Hong Kong's technology from lab to market, forum hears",
        "standfirst": (
            "Academics and executives at a Caijing forum say the race in artificial "
            "intelligence is moving from research to real-world use, and that the city's "
            "deep pool of capital gives it an advantage."
        ),
        "body": (
            "<p>Artificial intelligence and other frontier technologies are moving from "
            "the laboratory into products faster than ever, and Hong Kong has only a short "
            "window to put its financial strength to work for science, academics and "
            "business leaders told a forum in the city on Thursday.</p>"
            "<p>The innovation and technology forum was organised by Caijing, the Beijing "
            "business magazine, and the HKUST Business School gave it academic support.</p>"
            "<p>Opening the event, Hong Kong University of Science and Technology "
            "vice-president Tim Cheng Kwang-ting, who oversees research and development "
            "there, said the sector had grown very fast in recent years.</p>"
            f"<blockquote><p>“{CHENG_QUOTE}”</p></blockquote>"
            "<p>Progress now depends on joining up disciplines, supply chains, industries "
            "and regions, Cheng said. Universities, research institutes, companies, "
            "financiers and policymakers had to work far more closely, and capital was "
            "the one ingredient none of them could do without.</p>"
            "<p>Liang Weibin, a partner at Shanghai Healthcare Capital, a fund set up at "
            "municipal level, agreed. Standing as an international financial centre gives "
            "the city a rare head start in frontier technology, she said: "
            f"“{LIANG_QUOTE}”</p>"
            "<h2>From smarter models to useful ones</h2>"
            "<p>Speakers from industry said the contest over AI between major economies and "
            "companies was shifting from who makes the breakthroughs to who puts them to "
            "work.</p>"
            "<p>Cui Li, ZTE's chief development officer, said the leading large language "
            "models were performing more and more alike. Open-source work had spread "
            "quickly, and better algorithms and engineering had pushed costs down.</p>"
            f"<blockquote><p>“{CUI_QUOTE}”</p></blockquote>"
            "<p>The race to build cleverer models has not ended, she said, but the race to "
            "use them has begun, and for AI the priority is to get deeper into industry so "
            "that companies can lower costs and work more efficiently.</p>"
            "<p>Wu Junhua, a vice-president of iFlytek, the Chinese AI and speech "
            f"technology company, made a similar point. “{WU_QUOTE}”</p>"
            "<p>Universities and companies should work on putting AI into every stage of "
            "how a business operates, Wu said. He pointed to a project iFlytek runs with "
            "China National Petroleum Corporation, where a model running on hundreds of "
            "billions of parameters now helps with oil exploration, marketing and other "
            "operations.</p>"
            "<p>Cui and Wu later joined a panel with He Gang, Caijing's chief editor, and "
            "Hui Kai-Lung, who is acting dean of the business school.</p>"
            "<h2>An index for tech cities</h2>"
            "<p>At the forum, the Center for Technology and Business Ecosystem at HKUST and "
            f"Ernst &amp; Young launched a report, <em>{REPORT_TITLE}</em>.</p>"
            "<p>It places Hong Kong above the global average for technological "
            "development. But the city still has too few fast-growing technology companies, "
            "and too little venture capital and late-stage funding set aside for "
            "technology, the authors found.</p>"
        ),
        "dateline": "Hong Kong",
        "section": "Innovation",
        "published_at": datetime.datetime(2026, 1, 22, 19, 50, tzinfo=HONG_KONG),
        "contact_email": "li.xiaoyun@example.org",
        "authors": ["li-xiaoyun"],
        "tags": ["artificial intelligence", "commercialisation", "venture capital", "HKUST"],
        "events": [FORUM],
        "documents": ["measuring-the-future-tech-cities-index"],
        "lead_photo": OPENING_PHOTO,
        "photos": [PANEL_PHOTO],
        "qa": [
            (
                "What did the report launched at the forum find?",
                "Hong Kong now ranks above the global average for technological "
                "development, but it lacks fast-growing tech companies and venture and "
                "late-stage money aimed at technology.",
            ),
            (
                "Why do the speakers think the AI race has changed?",
                "Leading models are converging as open-source work spreads and costs fall, "
                "so the edge now lies in putting AI to work cheaply and usefully inside "
                "real businesses.",
            ),
        ],
        "key_issues": [
            (
                "From research to revenue",
                "Strong research does not turn into products by itself; universities, "
                "industry, investors and government need to work together.",
            ),
            (
                "Funding gaps",
                "Specialist venture capital and growth funds for technology firms remain "
                "scarce in Hong Kong, according to the new index.",
            ),
        ],
        "pros": [],
        "cons": [],
        "quotes": [
            {"person": "tim-cheng-kwang-ting", "event": FORUM, "text": CHENG_QUOTE},
            {"person": "liang-weibin", "event": FORUM, "text": LIANG_QUOTE},
            {"person": "cui-li", "event": FORUM, "text": CUI_QUOTE},
            {"person": "wu-junhua", "event": FORUM, "text": WU_QUOTE},
        ],
        "mentions": [
            ("person", "tim-cheng-kwang-ting", "Tim Cheng Kwang-ting"),
            ("person", "liang-weibin", "Liang Weibin"),
            ("person", "cui-li", "Cui Li"),
            ("person", "wu-junhua", "Wu Junhua"),
            ("person", "he-gang", "He Gang"),
            ("person", "hui-kai-lung", "Hui Kai-Lung"),
            ("organisation", "caijing", "Caijing"),
            ("organisation", "hkust-business-school", "HKUST Business School"),
            ("organisation", "hkust", "Hong Kong University of Science and Technology"),
            ("organisation", "shanghai-healthcare-capital", "Shanghai Healthcare Capital"),
            ("organisation", "zte", "ZTE"),
            ("organisation", "iflytek", "iFlytek"),
            ("organisation", "cnpc", "China National Petroleum Corporation"),
            (
                "organisation",
                "center-for-technology-and-business-ecosystem",
                "Center for Technology and Business Ecosystem",
            ),
            ("organisation", "ernst-young", "Ernst & Young"),
            ("event", FORUM, "innovation and technology forum"),
        ],
        "links": [
            {"label": "also_read", "article": PARTNERSHIP_STORY},
            {
                "label": "read_more",
                "url": "https://example.org/research/tech-cities-index",
                "title": "How the new index scores the world's technology cities",
            },
        ],
    },
]
