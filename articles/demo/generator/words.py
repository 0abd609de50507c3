"""The small vocabularies synthetic content is drawn from.

Built in rather than taken from a fake-data library so that the generator runs
wherever the site itself runs, with nothing installed for development only.
"""

CHINESE_FAMILY_NAMES = [
    "Chan", "Cheng", "Cheung", "Chow", "Fung", "Ho", "Hui", "Kwok", "Lam", "Lau", "Lee",
    "Leung", "Li", "Liu", "Lo", "Ma", "Ng", "Tang", "Tse", "Wong", "Wu", "Yeung", "Yip",
    "Zhang", "Wang", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Xu", "Sun", "Zhu", "Guo",
]  # fmt: skip
CHINESE_SYLLABLES = [
    "wai", "man", "kwong", "ting", "ming", "hong", "kin", "yan", "wing", "chi", "ka",
    "ho", "lok", "shan", "mei", "ling", "yee", "fai", "keung", "tak", "xiao", "jun",
    "hua", "wei", "jie", "tao", "lei", "yu", "qing", "hao",
]  # fmt: skip
ENGLISH_GIVEN_NAMES = [
    "Alice", "Andrew", "Anna", "Ben", "Carmen", "Daniel", "David", "Emily", "Eric",
    "Grace", "Helen", "Henry", "Irene", "Jason", "Joyce", "Kevin", "Laura", "Lucas",
    "Margaret", "Michael", "Nancy", "Oliver", "Patrick", "Peter", "Rachel", "Raymond",
    "Sarah", "Simon", "Sophie", "Thomas", "Tim", "Victoria", "Vincent", "William",
]  # fmt: skip
WESTERN_FAMILY_NAMES = [
    "Anderson", "Baker", "Bennett", "Brown", "Campbell", "Clarke", "Dubois", "Evans",
    "Fischer", "Garcia", "Hughes", "Jensen", "Keller", "Martin", "Meyer", "Mitchell",
    "Moreau", "Novak", "Okafor", "Patel", "Rossi", "Schmidt", "Silva", "Taylor",
    "Turner", "Walker", "Weber", "Wilson",
]  # fmt: skip

PLACES = [
    "Hong Kong", "Shenzhen", "Guangzhou", "Macao", "Shanghai", "Beijing", "Hangzhou",
    "Singapore", "Kowloon", "Sha Tin", "Tsuen Wan", "Greater Bay", "Pearl River",
    "Lantau", "Victoria Harbour", "Tai Po",
]  # fmt: skip
FIELDS = [
    "Artificial Intelligence", "Biomedical Engineering", "Data Science", "Fintech",
    "Materials Science", "Robotics", "Quantum Computing", "Climate Studies",
    "Public Policy", "Microelectronics", "Marine Science", "Urban Planning",
    "Green Energy", "Cybersecurity", "Logistics", "Life Sciences",
]  # fmt: skip
BRAND_WORDS = [
    "Apex", "Bright", "Crest", "Dragon", "Everfine", "Golden", "Harbour", "Jade",
    "Lotus", "Nova", "Orient", "Pearl", "Phoenix", "Quantum", "Silver", "Summit",
    "Vertex", "Zenith",
]  # fmt: skip
COMPANY_ENDINGS = ["Technologies", "Holdings", "Group", "Robotics", "Semiconductor", "Labs"]
FUND_ENDINGS = ["Capital", "Ventures", "Partners", "Investment Fund"]
GOVERNMENT_BODIES = [
    "Innovation and Technology Bureau", "Education Bureau", "Trade Development Council",
    "Science Park Corporation", "Development Office", "Statistics Department",
]  # fmt: skip
MEDIA_NAMES = ["Daily", "Morning Post", "Observer", "Business Review", "Tribune", "Times"]

POSITION_TITLES = [
    "president", "vice-president for research", "chief executive", "chairman",
    "director", "professor", "associate professor", "founder", "chief technology officer",
    "dean", "head of research", "senior engineer", "managing director", "secretary",
    "board member", "adviser", "research fellow", "head of policy",
]  # fmt: skip
EVENT_WORDS = [
    "Innovation", "Technology", "Future", "Smart City", "Startup", "Research", "Talent",
    "Sustainability", "Digital Economy", "Science", "Health Tech", "Open Data",
]  # fmt: skip
EVENT_KIND_NAMES = {
    "forum": "Forum",
    "conference": "Conference",
    "panel": "Panel Discussion",
    "festival": "Festival",
    "exhibition": "Expo",
    "signing": "Signing Ceremony",
    "report_launch": "Report Launch",
    "other": "Gathering",
}
VENUES = [
    "Convention and Exhibition Centre", "Science Park", "Cyberport", "University Hall",
    "Grand Hyatt", "Innovation Hub", "Lecture Theatre A", "City Hall",
]  # fmt: skip
SUPPORT_NATURES = [
    "academic support", "media partner", "sponsor", "supporting organisation",
    "venue partner", "strategic partner",
]  # fmt: skip
SESSIONS = ["Opening session", "Morning panel", "Afternoon panel", "Closing session", "Workshop"]

SECTIONS = [
    ("News", "The day's stories."),
    ("Innovation", "Research, start-ups and the people behind them."),
    ("Business", "Companies, markets and money."),
    ("Education", "Schools and universities."),
    ("Policy", "Government and regulation."),
    ("Science", "Discoveries and the lab."),
    ("Opinion", "Views and commentary."),
    ("Events", "Forums, conferences and expos."),
]
KICKERS = ["Forum", "Exclusive", "Analysis", "Interview", "Explainer", "Feature", ""]
TOPICS = [
    "artificial intelligence", "chip design", "green finance", "drug discovery",
    "talent schemes", "data privacy", "robotics", "battery research", "smart mobility",
    "quantum networks", "biotech funding", "digital health", "low-altitude economy",
    "university rankings", "research grants", "cross-border data",
]  # fmt: skip
VERBS = [
    "unveils", "backs", "launches", "expands", "rethinks", "joins", "funds", "opens",
    "signs up for", "bets on", "warns over", "calls for",
]  # fmt: skip
ADJECTIVES = [
    "new", "ambitious", "regional", "national", "cross-border", "long-awaited",
    "record", "first", "joint", "pilot",
]  # fmt: skip
NOUNS = [
    "plan", "centre", "partnership", "fund", "programme", "study", "platform",
    "alliance", "campus", "initiative", "index", "laboratory",
]  # fmt: skip
SAYING = ["said", "told the audience", "noted", "added", "argued", "stressed"]
CLAIMS = [
    "the region has the talent but needs more patient capital",
    "collaboration between universities and industry must become routine",
    "the next five years will decide who leads in {topic}",
    "young researchers should be able to stay and build companies here",
    "regulation has to keep pace with {topic}",
    "the city is well placed to connect mainland and international markets",
    "investment in {topic} is paying off faster than expected",
    "public trust is the scarcest resource in {topic}",
]  # fmt: skip
STOCK_SENTENCES = [
    "The announcement comes as competition in {topic} intensifies across the region.",
    "Officials expect the first results within two years.",
    "The programme will be reviewed annually.",
    "Details of the funding were not disclosed.",
    "More than 300 participants attended the sessions.",
    "Industry observers said the move had been expected for some time.",
    "Applications open next month.",
    "The project builds on work that began several years ago in {topic}.",
]  # fmt: skip
TAGS = [
    *TOPICS,
    "Hong Kong", "Greater Bay Area", "universities", "start-ups", "venture capital",
    "government", "research", "interview", "forum", "technology", "investment",
    "education", "health", "climate", "semiconductors", "AI",
]  # fmt: skip
PHOTO_SCENES = [
    "speaks at", "poses with guests at", "visits a laboratory during", "tours the exhibition at",
    "shakes hands at", "listens to a presentation at",
]  # fmt: skip
CREDIT_AGENCIES = ["STAFF PHOTO", "HANDOUT", "XINHUA", "REUTERS", "AFP", "CHINA DAILY"]
IMAGE_COLOURS = [
    ((24, 62, 110), (120, 170, 210)),
    ((110, 40, 30), (230, 160, 90)),
    ((20, 90, 60), (150, 210, 160)),
    ((70, 50, 110), (200, 170, 230)),
    ((60, 60, 60), (200, 200, 200)),
]
EXTERNAL_SITES = ["https://www.info.gov.hk", "https://www.hkstp.org", "https://www.hkust.edu.hk"]
