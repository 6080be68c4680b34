"""The hand-written word lists of the built-in recogniser's rules.

Written for this project from general knowledge of English news prose: titles and
honorifics, the head words that end organisation names, the small words found inside
names, and common words that start sentences. No list here was extracted from a corpus
(in particular not from CoNLL-2003, which is only used to measure). Words are stored as
they are written in running text; matching is on exact tokens unless a caller lowercases.
"""

from __future__ import annotations

from typing import Final

# Titles, honorifics and roles written before a name. Multi-word titles are tuples of
# tokens; the recogniser strips them and takes what follows as a person's name.
TITLES: Final = frozenset({
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady",
    "Sheikh", "Shaikh", "Sheik", "Imam", "Ayatollah", "Mullah", "Rabbi", "Rev", "Reverend",
    "Father", "Pope", "Cardinal", "Archbishop", "Bishop", "Patriarch", "Cleric",
    "King", "Queen", "Prince", "Princess", "Crown", "Emir", "Sultan", "Shah", "Duke",
    "Duchess", "Baron", "Baroness", "Count", "Countess",
    "President", "Vice", "Premier", "Chancellor", "Minister", "Secretary", "Ambassador",
    "Envoy", "Governor", "Gov", "Mayor", "Senator", "Sen", "Rep", "Representative",
    "Congressman", "Congresswoman", "Speaker", "Deputy", "Judge", "Justice", "Magistrate",
    "Attorney", "Prosecutor", "Commissioner", "Chairman", "Chairwoman", "Chair",
    "Director", "Spokesman", "Spokeswoman", "Commander", "Chief", "Leader",
    "Gen", "General", "Lt", "Lieutenant", "Col", "Colonel", "Maj", "Major", "Capt",
    "Captain", "Cmdr", "Commodore", "Adm", "Admiral", "Brig", "Brigadier", "Sgt",
    "Sergeant", "Cpl", "Corporal", "Pvt", "Private", "Marshal", "Field", "Officer",
    "Inspector", "Supt", "Superintendent", "Detective", "Agent", "Coach", "Manager",
    "Striker", "Midfielder", "Defender", "Goalkeeper", "Champion", "Dictator",
    "Foreign", "Defence", "Defense", "Interior", "Finance", "Economy", "Trade", "Prime",
    "Executive", "Managing", "Acting", "Former", "State",
})
# Words that may only continue a title already begun (never start one): "Prime Minister",
# "Secretary of State", "Foreign Minister".
TITLE_CONTINUATIONS: Final = frozenset({
    "of", "for", "General", "Minister", "Secretary", "President", "State", "Affairs",
    "Officer", "Executive", "Director", "Justice", "Marshal", "Commander", "Colonel",
    "Admiral", "Governor", "Chairman", "Bishop", "Prince", "Sheikh", "Defence", "Defense",
    "Foreign", "Interior", "Finance", "Trade", "Economy", "Deputy", "Vice", "Chief",
    "Staff", "Attorney",
})
# Title words that also start organisation names ("General Motors", "Crown Prosecution
# Service") or places ("King's Lynn"): a title only when a name follows.
TITLE_STARTS: Final = frozenset(TITLES - {
    "Foreign", "Defence", "Defense", "Interior", "Finance", "Economy", "Trade", "Executive",
    "Managing", "Acting", "Former", "State", "Field", "Crown", "Vice", "Officer", "Agent",
    "Private", "Chair", "Leader", "Champion", "Count", "Father", "Justice", "Speaker",
    "Director", "Manager", "Attorney",
})

# The last word of an organisation's name. ("Bank" and "Party" end names; "of" may follow:
# "Bank of England".)
ORG_HEADS: Final = frozenset({
    "Force", "Forces", "Guard", "Guards", "Army", "Navy", "Corps", "Brigade", "Brigades",
    "Regiment", "Militia", "Front", "Movement", "Party", "Council", "Parliament",
    "Assembly", "Senate", "Congress", "Cabinet", "Government", "Administration",
    "Ministry", "Department", "Dept", "Office", "Bureau", "Agency", "Authority",
    "Commission", "Committee", "Board", "Court", "Tribunal", "Police", "Service",
    "Services", "Bank", "Fund", "Exchange", "Reserve", "Trust", "Foundation", "Institute",
    "Institution", "University", "College", "School", "Academy", "Hospital", "Church",
    "Mosque", "Museum", "Library", "Corp", "Corporation", "Inc", "Incorporated", "Ltd",
    "Limited", "Plc", "PLC", "plc", "LLC", "LLP", "AG", "GmbH", "SA", "NV", "BV", "SpA",
    "AB", "ASA", "Co", "Company", "Companies", "Group", "Holdings", "Holding",
    "Industries", "Enterprises", "Partners", "Associates", "Systems", "Technologies",
    "Airlines", "Airways", "Motors", "Petroleum", "Oil", "Steel", "Telecom", "Bancorp",
    "Securities", "Investments", "Capital", "Communications", "Pharmaceuticals",
    "Electric", "Energy", "Mining", "Resources", "Chemicals", "Insurance", "Media",
    "Press", "News", "Times", "Post", "Herald", "Journal", "Gazette", "Tribune",
    "Association", "Federation", "Confederation", "Union", "League", "Alliance",
    "Coalition", "Organisation", "Organization", "Society", "Club", "Network", "Centre",
    "Center", "Chamber", "Cooperative", "Team", "Orchestra", "Band",
    "Brotherhood", "Hezbollah", "Taliban", "Mujahideen", "Newsroom",
})
# Suffixes written after a comma or alone ("Acme, Inc."): always an organisation.
ORG_SUFFIXES: Final = frozenset({
    "Corp", "Inc", "Ltd", "Plc", "PLC", "plc", "LLC", "AG", "GmbH", "SpA", "NV", "BV",
})
# The last word of a place's name ("Gulf of Mexico", "Red Sea", "Gaza Strip").
PLACE_HEADS: Final = frozenset({
    "Sea", "Ocean", "Gulf", "Bay", "Strait", "Straits", "River", "Lake", "Mountains",
    "Mount", "Mt", "Hills", "Valley", "Desert", "Island", "Islands", "Isles", "Peninsula",
    "Strip", "Coast", "Province", "Region", "District", "County", "Republic",
    "Kingdom", "Emirate", "Emirates", "Territory", "Territories", "Canal", "Airport",
    "Square", "Street", "Avenue", "Road", "Bridge", "Port", "Plain", "Plateau",
    "Heights", "Basin", "Delta", "Cape", "Channel", "Falls", "Park",
})
# Place heads that come first: "Gulf of Mexico", "Isle of Man", "Republic of Ireland".
PLACE_STARTS: Final = frozenset({
    "Gulf", "Bay", "Sea", "Strait", "Straits", "Isle", "Island", "Islands", "Republic",
    "Kingdom", "Cape", "Lake", "Mount", "Mt", "Port", "Province", "State",
    "Commonwealth", "Federation", "Democratic",
})

# The last word of an event's name ("World Cup", "U.S. Open", "Tour de France"): not a
# person, organisation or place, so such runs are left alone.
EVENT_HEADS: Final = frozenset({
    "Cup", "Cups", "Championship", "Championships", "Open", "Games", "Olympics", "Olympiad",
    "Trophy", "Prix", "Award", "Awards", "Prize", "Festival", "Rally", "Classic",
    "Marathon", "Tour", "Series", "Masters", "Derby", "Grand", "Slam", "War", "Wars",
    "Summit", "Conference", "Expo", "Show", "Day", "Week", "Index", "Act", "Treaty",
    "Accord", "Accords", "Agreement", "Plan", "Doctrine", "Bill", "Revolution",
    "Crisis", "Affair", "Era", "Age", "Empire", "Dynasty",
})
# Organisations every news reader knows, written here by hand (the rules cannot tell that
# a lone "Reuters" or "NATO" is an organisation).
KNOWN_ORGANISATIONS: Final = frozenset({
    "UN", "U.N.", "NATO", "EU", "E.U.", "IMF", "OPEC", "WTO", "WHO", "OECD", "ASEAN",
    "OSCE", "UNESCO", "UNICEF", "UNHCR", "IAEA", "Interpol", "Europol", "FIFA", "UEFA",
    "IOC", "Reuters", "AP", "AFP", "BBC", "CNN", "Xinhua", "Interfax", "Itar-Tass", "Tass",
    "ANSA", "Bloomberg", "Hamas", "Hezbollah", "Hizbollah", "PLO", "IRA", "ETA", "Taliban",
    "al-Qaida", "al-Qaeda", "al-Qa'ida", "ISIS", "ISIL", "Fatah", "Likud", "Kremlin",
    "Pentagon", "FBI", "CIA", "NSA", "NASA", "Bundesbank", "Bundestag", "Duma", "Knesset",
    "Sinn Fein", "Nasdaq", "NYSE", "Boeing", "Airbus", "Microsoft", "Apple", "Google",
    "IBM", "Intel", "Toyota", "Volkswagen", "Siemens", "Nestle", "Shell", "Exxon", "BP",
    "Gazprom", "Red Cross", "Red Crescent", "Amnesty International", "Greenpeace",
    "Human Rights Watch", "World Bank", "Federal Reserve", "European Commission",
    "European Union", "United Nations", "Security Council", "Wall Street Journal",
    "New York Times", "Washington Post", "Financial Times", "Associated Press",
    "Agence France-Presse", "Labour", "Tories", "Democrats", "Republicans",
    # Institutions a capital letter names alone ("the Senate voted").
    "Senate", "Congress", "Parliament", "Commission", "Treasury", "Cabinet",
})
# Abbreviations whose dot stays inside a name ("St. Louis", "Mt. Kenya").
NAME_ABBREVIATIONS: Final = frozenset({"St", "Ste", "Mt", "Ft", "Jr", "Sr"})

# Small words inside names, between capitalised words: "Bank of England", "Charles de
# Gaulle", "Ludwig van Beethoven", "Islamic State of Iraq and the Levant".
NAME_CONNECTORS: Final = frozenset({
    "of", "de", "da", "di", "do", "dos", "das", "del", "della", "der", "den", "du",
    "van", "von", "la", "le", "les", "el", "al", "bin", "ibn", "bint", "ben", "y", "e",
    "and", "&", "the", "for", "on", "upon",
})
# Lower-case prefixes joined to a name by a hyphen: "al-Assad", "el-Sisi", "bin-Laden".
NAME_PREFIXES: Final = frozenset({
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "bin", "ibn", "abu", "abd",
    "d", "l", "o", "mc", "mac",
})
# Articles trimmed from the front of a name.
ARTICLES: Final = frozenset({"The", "A", "An", "the", "a", "an"})
# Suffixes of a person's name, kept with it ("Martin Luther King Jr").
NAME_SUFFIXES: Final = frozenset({"Jr", "Sr", "II", "III", "IV"})

# Words that are never part of a name at its edges: weekdays, months, pronouns,
# prepositions, conjunctions and the like. Dropped from the front and back of a capitalised
# run ("In Baghdad", "On Monday").
FUNCTION_WORDS: Final = frozenset({
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun",
    "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "I", "Me", "My", "We", "Our", "Us", "You", "Your", "He", "His", "Him", "She", "Her",
    "It", "Its", "They", "Their", "Them", "This", "That", "These", "Those", "There",
    "Here", "What", "Which", "Who", "Whom", "Whose", "When", "Where", "Why", "How",
    "A", "An", "The", "And", "But", "Or", "Nor", "So", "Yet", "If", "As", "At", "By",
    "For", "From", "In", "Into", "Of", "On", "Onto", "To", "With", "Without", "Within",
    "After", "Before", "During", "Since", "Until", "While", "Although", "Though",
    "Because", "Despite", "Against", "Among", "Between", "Under", "Over", "About",
    "Above", "Below", "Across", "Along", "Around", "Behind", "Beyond", "Near", "Off",
    "Out", "Up", "Down", "Through", "Throughout", "Toward", "Towards", "Upon", "Via",
    "Per", "Than", "Then", "Thus", "Also", "Already", "Still", "Even", "Just", "Only",
    "Now", "Today", "Tomorrow", "Yesterday", "Tonight", "Last", "Next", "First", "Second",
    "Third", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
    "Ten", "All", "Any", "Some", "Many", "Much", "More", "Most", "Few", "Several", "Both",
    "Each", "Every", "Either", "Neither", "No", "Not", "None", "Other", "Another",
    "Such", "Same", "Yes", "Is", "Are", "Was", "Were", "Be", "Been", "Being", "Has",
    "Have", "Had", "Do", "Does", "Did", "Will", "Would", "Shall", "Should", "Can",
    "Could", "Must", "Might", "However", "Meanwhile", "Moreover", "Furthermore",
    "Nevertheless", "Instead", "Indeed", "Perhaps", "Please", "Thank", "Thanks", "Well",
    "Oh", "Am", "Pm", "AM", "PM", "GMT", "EST", "EDT", "CET", "UTC", "Mln", "Bln", "Pct",
})
# Words that are not a name on their own but may be part of one ("National Guard",
# "Islamic State", "World Bank"): a run made only of these is no entity.
GENERIC_WORDS: Final = frozenset({
    "Christmas", "Easter", "Ramadan", "Total", "Note", "Notes", "Source", "Sources",
    "Reporting", "Editing", "Copyright", "Photo", "Update", "Updated", "Breaking",
    "Exclusive", "Analysis", "Comment", "Opinion", "Editorial", "Table", "Figure",
    "Page", "Section", "Chapter", "Article", "Part", "Step", "Results", "Result",
    "Scores", "Score", "Standings", "Summary", "Summaries", "Attendance", "Week", "Year",
    "Month", "Day", "Morning", "Afternoon", "Evening", "Night", "NOTE", "TOTAL", "Net",
    "Shares", "Prices", "Price", "Sales", "Revenue", "Profit", "Loss", "Earnings",
    "Quarter", "Half", "Full", "Final", "Finals", "Group", "Division", "Round", "Race",
    "Stage", "Match", "Game", "Games", "Cup", "Open", "Series", "Tour", "Championship",
    "Championships", "Tournament", "Grand", "Prix", "Olympic", "Olympics", "World",
    "Internet", "Web", "Police", "Government", "State", "States", "President", "Minister",
    "Ministry", "Army", "Party", "Council", "Parliament", "Court", "Bank", "Senate",
    "Congress", "Union", "League", "Club", "Team", "City", "North", "South", "East",
    "West", "Northern", "Southern", "Eastern", "Western", "Central", "New", "Old",
    "Great", "Greater", "Upper", "Lower", "National", "International", "Federal",
    "Royal", "Islamic", "Christian", "Catholic", "Protestant", "Orthodox", "Jewish",
    "Muslim", "Muslims", "Sunni", "Sunnis", "Shiite", "Shiites", "Shia", "Shi'ite",
    "Kurd", "Kurds", "Kurdish", "Arab", "Arabs", "Arabic", "Jew", "Jews", "Christians",
    "Catholics", "Protestants", "Hindu", "Hindus", "Sikh", "Sikhs", "Buddhist",
    "Buddhists", "Islamist", "Islamists", "Communist", "Communists", "Socialist",
    "Socialists", "Conservative", "Conservatives", "Liberal", "Liberals", "Democrat",
    "Democrats", "Republican", "Republicans", "Tory", "United", "Newsroom",
    "Westerners", "English", "French", "German", "Spanish", "Italian", "Dutch",
    "Russian", "Chinese", "Japanese", "Latin", "Greek", "Persian", "Hebrew", "Urdu",
    "Hindi", "God", "Allah", "Bible", "Koran", "Quran", "Mass", "Prophet", "Gen",
    "General", "Mr", "Mrs", "Ms", "Dr", "Sir", "Democratic", "Moslem", "Moslems", "Serb",
    "Serbs", "Croat", "Croats", "Nazi", "Nazis", "Tamil", "Tamils", "Maoist", "Maoists",
    "Marxist", "Marxists", "Zionist", "Zionists", "Hutu", "Hutus", "Tutsi", "Tutsis",
    "Pashtun", "Pashtuns", "Celsius", "Fahrenheit", "Men", "Women", "People", "MPs", "Names",
})
NOT_NAMES: Final = FUNCTION_WORDS | GENERIC_WORDS

# Words that open a sentence far more often than a name: dropped from the front of a
# capitalised run that starts a sentence ("Asked about..."), unless a list knows the run.
# Lower-case forms that appear in the same document count too (the recogniser checks).
SENTENCE_STARTERS: Final = frozenset({
    "Asked", "According", "Speaking", "Meanwhile", "Earlier", "Later", "Elsewhere",
    "Officials", "Analysts", "Police", "Witnesses", "Residents", "Troops", "Soldiers",
    "Rebels", "Militants", "Insurgents", "Protesters", "Investors", "Traders", "Dealers",
    "Shares", "Prices", "Stocks", "Bonds", "Sources", "Reports", "Critics", "Experts",
    "Economists", "Leaders", "Ministers", "Diplomats", "Authorities", "Sunni", "Shiite",
    "Separately", "Overall", "Initially", "Finally", "Currently", "Recently", "Under",
    "Following", "Including", "Despite", "Unlike", "Like", "Among", "Told",
    "Born", "Based", "Last", "Next", "Both", "Many", "Most", "Some", "Several", "Few",
    "Other", "Others", "Such", "Each", "Every", "Another", "Home", "Away", "Attendance",
    "Opening", "Closing", "Trading", "Volume", "Turnover", "Dividend", "Revenues",
    "Newsroom", "Desk", "Story", "Editor", "Correspondent",
})
