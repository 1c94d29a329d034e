"""What the details form accepts from someone writing British English.

Django tries these before its own en_GB formats, and always adds the ISO forms
(2026-11-27, 14:30). Day first, as in the UK: 12/03/2026 is 12 March, which the
check page then spells out. Month names are read as Python's C locale spells
them (Nov, November).
"""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 27/11/2026
    "%d-%m-%Y",  # 27-11-2026
    "%d.%m.%Y",  # 27.11.2026
    "%d %m %Y",  # 27 11 2026
    "%d %b %Y",  # 27 Nov 2026
    "%d %B %Y",  # 27 November 2026
    "%Y-%m-%d",  # 2026-11-27
]

TIME_INPUT_FORMATS = [
    "%H:%M",  # 14:30
    "%H.%M",  # 14.30
    "%I%p",  # 2pm
    "%I %p",  # 2 pm
    "%I:%M%p",  # 2:30pm
    "%I:%M %p",  # 2:30 pm
    "%I.%M%p",  # 2.30pm
    "%I.%M %p",  # 2.30 pm
]
