// Generated from scenarios/ by shared/drills/derive.ts: do not edit by hand. To rewrite it after a
// scenario changes: UPDATE_DRILLS=1 npx vitest run tests/drills/catalog.test.ts
import type { DrillDef } from "./drill.ts";

export const DRILLS: readonly DrillDef[] = [
  {
    "id": "bangladesh-capacity-building.trade",
    "kind": "trade",
    "scenario": "bangladesh-capacity-building",
    "issues": [
      "cirt",
      "data",
      "timeline"
    ],
    "player": "usa",
    "partner": "civil",
    "rounds": 5,
    "profiles": {
      "usa": {
        "weights": {
          "cirt": 0.3448275862068965,
          "data": 0.48275862068965514,
          "timeline": 0.17241379310344826
        },
        "values": {
          "cirt": {
            "gov-network": 0.3,
            "national-phased": 1,
            "security-agency": 0.4,
            "independent": 0.7
          },
          "data": {
            "strict": 0,
            "government-data": 0.7,
            "open-flows": 1
          },
          "timeline": {
            "two-year": 1,
            "five-year-credit": 0.3,
            "milestone": 0.7
          }
        },
        "reservationValue": 0.1
      },
      "civil": {
        "weights": {
          "cirt": 0.4,
          "data": 0.4,
          "timeline": 0.2
        },
        "values": {
          "cirt": {
            "gov-network": 0.5,
            "national-phased": 0.6,
            "security-agency": 0,
            "independent": 1
          },
          "data": {
            "strict": 0,
            "government-data": 0.6,
            "open-flows": 0.8
          },
          "timeline": {
            "two-year": 0.4,
            "five-year-credit": 0.2,
            "milestone": 1
          }
        },
        "reservationValue": 0.15
      }
    }
  },
  {
    "id": "bangladesh-capacity-building.hold",
    "kind": "hold",
    "scenario": "bangladesh-capacity-building",
    "issues": [
      "sharing",
      "data",
      "timeline"
    ],
    "player": "industry",
    "partner": "gov",
    "rounds": 6,
    "profiles": {
      "industry": {
        "weights": {
          "sharing": 0.5084745762711863,
          "data": 0.40677966101694907,
          "timeline": 0.0847457627118644
        },
        "values": {
          "sharing": {
            "advisories": 0.6,
            "sector-centre": 1,
            "mandatory": 0
          },
          "data": {
            "strict": 0,
            "government-data": 1,
            "open-flows": 0.8
          },
          "timeline": {
            "two-year": 1,
            "five-year-credit": 0.5,
            "milestone": 0.5
          }
        },
        "reservationValue": 0.55
      },
      "gov": {
        "weights": {
          "sharing": 0.3333333333333333,
          "data": 0.38888888888888895,
          "timeline": 0.2777777777777778
        },
        "values": {
          "sharing": {
            "advisories": 0.2,
            "sector-centre": 0.6,
            "mandatory": 1
          },
          "data": {
            "strict": 1,
            "government-data": 0.65,
            "open-flows": 0
          },
          "timeline": {
            "two-year": 0.4,
            "five-year-credit": 1,
            "milestone": 0.2
          }
        },
        "reservationValue": 0.35
      }
    }
  },
  {
    "id": "bangladesh-capacity-building.read",
    "kind": "read",
    "scenario": "bangladesh-capacity-building",
    "issues": [
      "training",
      "cooperation",
      "timeline"
    ],
    "player": "gov",
    "partner": "usa",
    "rounds": 5,
    "profiles": {
      "gov": {
        "weights": {
          "training": 0.2857142857142857,
          "cooperation": 0.35714285714285715,
          "timeline": 0.35714285714285715
        },
        "values": {
          "training": {
            "responder-cadre": 0.4,
            "national-programme": 1,
            "whole-of-society": 0.6
          },
          "cooperation": {
            "existing-channels": 1,
            "align": 0.65,
            "accession": 0.1
          },
          "timeline": {
            "two-year": 0.4,
            "five-year-credit": 1,
            "milestone": 0.2
          }
        },
        "reservationValue": 0.35
      },
      "usa": {
        "weights": {
          "training": 0.31818181818181823,
          "cooperation": 0.5681818181818182,
          "timeline": 0.11363636363636365
        },
        "values": {
          "training": {
            "responder-cadre": 1,
            "national-programme": 0.5,
            "whole-of-society": 0.6
          },
          "cooperation": {
            "existing-channels": 0.3,
            "align": 0.7,
            "accession": 1
          },
          "timeline": {
            "two-year": 1,
            "five-year-credit": 0.3,
            "milestone": 0.7
          }
        },
        "reservationValue": 0.35
      }
    }
  },
  {
    "id": "eu-cyber-toolbox-2017.trade",
    "kind": "trade",
    "scenario": "eu-cyber-toolbox-2017",
    "issues": [
      "attribution",
      "measures",
      "characterisation"
    ],
    "player": "energy",
    "partner": "austria",
    "rounds": 5,
    "profiles": {
      "energy": {
        "weights": {
          "attribution": 0.3076923076923077,
          "measures": 0.4615384615384615,
          "characterisation": 0.23076923076923075
        },
        "values": {
          "attribution": {
            "none": 1,
            "technical": 0.6,
            "political": 0
          },
          "measures": {
            "conclusions": 1,
            "demarche": 0.7,
            "framework": 0.4,
            "listings": 0
          },
          "characterisation": {
            "incident": 1,
            "norms": 0.7,
            "wrongful": 0
          }
        },
        "reservationValue": 0.1
      },
      "austria": {
        "weights": {
          "attribution": 0.5454545454545454,
          "measures": 0.18181818181818182,
          "characterisation": 0.2727272727272727
        },
        "values": {
          "attribution": {
            "none": 0.6,
            "technical": 1,
            "political": 0
          },
          "measures": {
            "conclusions": 0.7,
            "demarche": 1,
            "framework": 0.5,
            "listings": 0.1
          },
          "characterisation": {
            "incident": 0.4,
            "norms": 1,
            "wrongful": 0.1
          }
        },
        "reservationValue": 0.05
      }
    }
  },
  {
    "id": "eu-cyber-toolbox-2017.hold",
    "kind": "hold",
    "scenario": "eu-cyber-toolbox-2017",
    "issues": [
      "attribution",
      "characterisation",
      "partners"
    ],
    "player": "austria",
    "partner": "baltics",
    "rounds": 6,
    "profiles": {
      "austria": {
        "weights": {
          "attribution": 0.4285714285714286,
          "characterisation": 0.2142857142857143,
          "partners": 0.35714285714285715
        },
        "values": {
          "attribution": {
            "none": 0.6,
            "technical": 1,
            "political": 0
          },
          "characterisation": {
            "incident": 0.4,
            "norms": 1,
            "wrongful": 0.1
          },
          "partners": {
            "eu-track": 1,
            "consult": 0.6,
            "synchronised": 0
          }
        },
        "reservationValue": 0.6
      },
      "baltics": {
        "weights": {
          "attribution": 0.5,
          "characterisation": 0.25,
          "partners": 0.25
        },
        "values": {
          "attribution": {
            "none": 0.2,
            "technical": 0.6,
            "political": 1
          },
          "characterisation": {
            "incident": 0.2,
            "norms": 0.6,
            "wrongful": 1
          },
          "partners": {
            "eu-track": 0.3,
            "consult": 0.6,
            "synchronised": 1
          }
        },
        "reservationValue": 0.25
      }
    }
  },
  {
    "id": "eu-cyber-toolbox-2017.read",
    "kind": "read",
    "scenario": "eu-cyber-toolbox-2017",
    "issues": [
      "characterisation",
      "partners",
      "timing"
    ],
    "player": "eeas",
    "partner": "austria",
    "rounds": 5,
    "profiles": {
      "eeas": {
        "weights": {
          "characterisation": 0.37499999999999994,
          "partners": 0.37499999999999994,
          "timing": 0.25
        },
        "values": {
          "characterisation": {
            "incident": 0,
            "norms": 0.7,
            "wrongful": 1
          },
          "partners": {
            "eu-track": 0,
            "consult": 0.6,
            "synchronised": 1
          },
          "timing": {
            "now": 1,
            "staged": 0.6,
            "later": 0
          }
        },
        "reservationValue": 0.35
      },
      "austria": {
        "weights": {
          "characterisation": 0.3333333333333333,
          "partners": 0.5555555555555556,
          "timing": 0.11111111111111112
        },
        "values": {
          "characterisation": {
            "incident": 0.4,
            "norms": 1,
            "wrongful": 0.1
          },
          "partners": {
            "eu-track": 1,
            "consult": 0.6,
            "synchronised": 0
          },
          "timing": {
            "now": 0.3,
            "staged": 0.7,
            "later": 1
          }
        },
        "reservationValue": 0.35
      }
    }
  },
  {
    "id": "sco-code-of-conduct-2015.trade",
    "kind": "trade",
    "scenario": "sco-code-of-conduct-2015",
    "issues": [
      "rights",
      "law",
      "supply"
    ],
    "player": "united-states",
    "partner": "eu",
    "rounds": 5,
    "profiles": {
      "united-states": {
        "weights": {
          "rights": 0.4583333333333333,
          "law": 0.37499999999999994,
          "supply": 0.16666666666666666
        },
        "values": {
          "rights": {
            "restrictions-first": 0,
            "same-rights": 1,
            "rights-and-privacy": 0.6
          },
          "law": {
            "new-norms": 0,
            "charter-applies": 0.6,
            "legal-principles": 0.75,
            "ihl-self-defence": 1
          },
          "supply": {
            "independent-control": 0,
            "integrity-steps": 0.7,
            "no-clause": 1
          }
        },
        "reservationValue": 0
      },
      "eu": {
        "weights": {
          "rights": 0.5652173913043478,
          "law": 0.30434782608695654,
          "supply": 0.13043478260869565
        },
        "values": {
          "rights": {
            "restrictions-first": 0,
            "same-rights": 0.75,
            "rights-and-privacy": 1
          },
          "law": {
            "new-norms": 0,
            "charter-applies": 0.55,
            "legal-principles": 1,
            "ihl-self-defence": 0.8
          },
          "supply": {
            "independent-control": 0.2,
            "integrity-steps": 1,
            "no-clause": 0.6
          }
        },
        "reservationValue": 0
      }
    }
  },
  {
    "id": "sco-code-of-conduct-2015.hold",
    "kind": "hold",
    "scenario": "sco-code-of-conduct-2015",
    "issues": [
      "sovereignty",
      "rights",
      "law"
    ],
    "player": "united-states",
    "partner": "china",
    "rounds": 6,
    "profiles": {
      "united-states": {
        "weights": {
          "sovereignty": 0.13043478260869565,
          "rights": 0.47826086956521735,
          "law": 0.3913043478260869
        },
        "values": {
          "sovereignty": {
            "state-authority": 0,
            "sovereignty-in-law": 0.6,
            "charter-only": 1
          },
          "rights": {
            "restrictions-first": 0,
            "same-rights": 1,
            "rights-and-privacy": 0.6
          },
          "law": {
            "new-norms": 0,
            "charter-applies": 0.6,
            "legal-principles": 0.75,
            "ihl-self-defence": 1
          }
        },
        "reservationValue": 0.5
      },
      "china": {
        "weights": {
          "sovereignty": 0.65,
          "rights": 0.19999999999999998,
          "law": 0.15
        },
        "values": {
          "sovereignty": {
            "state-authority": 1,
            "sovereignty-in-law": 0.5,
            "charter-only": 0
          },
          "rights": {
            "restrictions-first": 1,
            "same-rights": 0.4,
            "rights-and-privacy": 0.5
          },
          "law": {
            "new-norms": 1,
            "charter-applies": 0.7,
            "legal-principles": 0.5,
            "ihl-self-defence": 0
          }
        },
        "reservationValue": 0.35
      }
    }
  },
  {
    "id": "sco-code-of-conduct-2015.read",
    "kind": "read",
    "scenario": "sco-code-of-conduct-2015",
    "issues": [
      "governance",
      "content",
      "supply"
    ],
    "player": "china",
    "partner": "russia",
    "rounds": 5,
    "profiles": {
      "china": {
        "weights": {
          "governance": 0.3333333333333333,
          "content": 0.25925925925925924,
          "supply": 0.4074074074074074
        },
        "values": {
          "governance": {
            "un-centred": 1,
            "tunis-roles": 0.65,
            "multistakeholder": 0.1
          },
          "content": {
            "stability-content": 1,
            "terrorism-crime": 0.6,
            "systems-only": 0.1
          },
          "supply": {
            "independent-control": 1,
            "integrity-steps": 0.6,
            "no-clause": 0
          }
        },
        "reservationValue": 0.5
      },
      "russia": {
        "weights": {
          "governance": 0.33333333333333337,
          "content": 0.5238095238095238,
          "supply": 0.14285714285714285
        },
        "values": {
          "governance": {
            "un-centred": 1,
            "tunis-roles": 0.55,
            "multistakeholder": 0
          },
          "content": {
            "stability-content": 1,
            "terrorism-crime": 0.45,
            "systems-only": 0
          },
          "supply": {
            "independent-control": 1,
            "integrity-steps": 0.6,
            "no-clause": 0.2
          }
        },
        "reservationValue": 0.5
      }
    }
  },
  {
    "id": "un-cybercrime-convention-2024.trade",
    "kind": "trade",
    "scenario": "un-cybercrime-convention-2024",
    "issues": [
      "scope",
      "budapest",
      "growth"
    ],
    "player": "russia",
    "partner": "developing",
    "rounds": 5,
    "profiles": {
      "russia": {
        "weights": {
          "scope": 0.48387096774193544,
          "budapest": 0.25806451612903225,
          "growth": 0.25806451612903225
        },
        "values": {
          "scope": {
            "core-only": 0,
            "closed-list": 0.7,
            "broad": 1
          },
          "budapest": {
            "budapest-model": 0,
            "silent": 0.6,
            "universal": 1
          },
          "growth": {
            "closed": 0.1,
            "protocol-later": 0.6,
            "fast-protocols": 1
          }
        },
        "reservationValue": 0
      },
      "developing": {
        "weights": {
          "scope": 0.42105263157894735,
          "budapest": 0.2631578947368421,
          "growth": 0.3157894736842105
        },
        "values": {
          "scope": {
            "core-only": 0.2,
            "closed-list": 1,
            "broad": 0.7
          },
          "budapest": {
            "budapest-model": 0.2,
            "silent": 1,
            "universal": 0.6
          },
          "growth": {
            "closed": 0.2,
            "protocol-later": 1,
            "fast-protocols": 0.6
          }
        },
        "reservationValue": 0.15
      }
    }
  },
  {
    "id": "un-cybercrime-convention-2024.hold",
    "kind": "hold",
    "scenario": "un-cybercrime-convention-2024",
    "issues": [
      "scope",
      "evidence",
      "budapest"
    ],
    "player": "united-states",
    "partner": "russia",
    "rounds": 6,
    "profiles": {
      "united-states": {
        "weights": {
          "scope": 0.4285714285714285,
          "evidence": 0.35714285714285715,
          "budapest": 0.21428571428571425
        },
        "values": {
          "scope": {
            "core-only": 1,
            "closed-list": 0.65,
            "broad": 0
          },
          "evidence": {
            "own-offences": 1,
            "serious-crime": 0.55,
            "any-crime": 0
          },
          "budapest": {
            "budapest-model": 1,
            "silent": 0.6,
            "universal": 0
          }
        },
        "reservationValue": 0.45
      },
      "russia": {
        "weights": {
          "scope": 0.4411764705882352,
          "evidence": 0.32352941176470584,
          "budapest": 0.23529411764705882
        },
        "values": {
          "scope": {
            "core-only": 0,
            "closed-list": 0.7,
            "broad": 1
          },
          "evidence": {
            "own-offences": 0.3,
            "serious-crime": 0.75,
            "any-crime": 1
          },
          "budapest": {
            "budapest-model": 0,
            "silent": 0.6,
            "universal": 1
          }
        },
        "reservationValue": 0.25
      }
    }
  },
  {
    "id": "un-cybercrime-convention-2024.read",
    "kind": "read",
    "scenario": "un-cybercrime-convention-2024",
    "issues": [
      "safeguards",
      "evidence",
      "assistance"
    ],
    "player": "russia",
    "partner": "stakeholders",
    "rounds": 5,
    "profiles": {
      "russia": {
        "weights": {
          "safeguards": 0.2631578947368421,
          "evidence": 0.5789473684210527,
          "assistance": 0.15789473684210525
        },
        "values": {
          "safeguards": {
            "national-law": 1,
            "general-clause": 0.7,
            "strong": 0.25
          },
          "evidence": {
            "own-offences": 0.3,
            "serious-crime": 0.75,
            "any-crime": 1
          },
          "assistance": {
            "donor-led": 0.3,
            "un-account": 0.7,
            "assessed-fund": 1
          }
        },
        "reservationValue": 0.4
      },
      "stakeholders": {
        "weights": {
          "safeguards": 0.5999999999999999,
          "evidence": 0.3333333333333333,
          "assistance": 0.06666666666666665
        },
        "values": {
          "safeguards": {
            "national-law": 0,
            "general-clause": 0.15,
            "strong": 1
          },
          "evidence": {
            "own-offences": 1,
            "serious-crime": 0.3,
            "any-crime": 0
          },
          "assistance": {
            "donor-led": 0.5,
            "un-account": 1,
            "assessed-fund": 0.6
          }
        },
        "reservationValue": 0.3
      }
    }
  },
  {
    "id": "us-china-2015.trade",
    "kind": "trade",
    "scenario": "us-china-2015",
    "issues": [
      "norms",
      "sanctions",
      "verification"
    ],
    "player": "us",
    "partner": "china",
    "rounds": 5,
    "profiles": {
      "us": {
        "weights": {
          "norms": 0.20833333333333334,
          "sanctions": 0.33333333333333337,
          "verification": 0.45833333333333337
        },
        "values": {
          "norms": {
            "none": 0.3,
            "welcome-gge": 0.8,
            "infrastructure-pledge": 1,
            "code-of-conduct": 0
          },
          "sanctions": {
            "silent": 0.8,
            "restraint": 0.2,
            "consequences": 1,
            "drop-indictments": 0
          },
          "verification": {
            "none": 0.2,
            "annual-reports": 0.5,
            "benchmarks": 0.85,
            "inspection": 1
          }
        },
        "reservationValue": 0.4
      },
      "china": {
        "weights": {
          "norms": 0.31034482758620685,
          "sanctions": 0.48275862068965514,
          "verification": 0.2068965517241379
        },
        "values": {
          "norms": {
            "none": 0.35,
            "welcome-gge": 0.7,
            "infrastructure-pledge": 0.45,
            "code-of-conduct": 1
          },
          "sanctions": {
            "silent": 0.35,
            "restraint": 0.9,
            "consequences": 0,
            "drop-indictments": 1
          },
          "verification": {
            "none": 1,
            "annual-reports": 0.55,
            "benchmarks": 0.2,
            "inspection": 0
          }
        },
        "reservationValue": 0.25
      }
    }
  },
  {
    "id": "us-china-2015.hold",
    "kind": "hold",
    "scenario": "us-china-2015",
    "issues": [
      "ip-theft",
      "assistance",
      "sanctions"
    ],
    "player": "china",
    "partner": "us",
    "rounds": 6,
    "profiles": {
      "china": {
        "weights": {
          "ip-theft": 0.24,
          "assistance": 0.2,
          "sanctions": 0.56
        },
        "values": {
          "ip-theft": {
            "none": 0.8,
            "oppose-hacking": 1,
            "mutual-pledge": 0.55,
            "pledge-and-cases": 0.1
          },
          "assistance": {
            "none": 0.3,
            "case-by-case": 0.8,
            "timely": 1,
            "fixed-deadlines": 0.5
          },
          "sanctions": {
            "silent": 0.35,
            "restraint": 0.9,
            "consequences": 0,
            "drop-indictments": 1
          }
        },
        "reservationValue": 0.5
      },
      "us": {
        "weights": {
          "ip-theft": 0.4918032786885246,
          "assistance": 0.2459016393442623,
          "sanctions": 0.26229508196721313
        },
        "values": {
          "ip-theft": {
            "none": 0,
            "oppose-hacking": 0.2,
            "mutual-pledge": 0.85,
            "pledge-and-cases": 1
          },
          "assistance": {
            "none": 0,
            "case-by-case": 0.35,
            "timely": 0.85,
            "fixed-deadlines": 1
          },
          "sanctions": {
            "silent": 0.8,
            "restraint": 0.2,
            "consequences": 1,
            "drop-indictments": 0
          }
        },
        "reservationValue": 0.3
      }
    }
  },
  {
    "id": "us-china-2015.read",
    "kind": "read",
    "scenario": "us-china-2015",
    "issues": [
      "ip-theft",
      "dialogue",
      "sanctions"
    ],
    "player": "china",
    "partner": "us",
    "rounds": 5,
    "profiles": {
      "china": {
        "weights": {
          "ip-theft": 0.19999999999999996,
          "dialogue": 0.3333333333333333,
          "sanctions": 0.4666666666666666
        },
        "values": {
          "ip-theft": {
            "none": 0.8,
            "oppose-hacking": 1,
            "mutual-pledge": 0.55,
            "pledge-and-cases": 0.1
          },
          "dialogue": {
            "none": 0.1,
            "revive-cwg": 0.25,
            "ministerial-hotline": 1,
            "both-tracks": 0.9
          },
          "sanctions": {
            "silent": 0.35,
            "restraint": 0.9,
            "consequences": 0,
            "drop-indictments": 1
          }
        },
        "reservationValue": 0.35
      },
      "us": {
        "weights": {
          "ip-theft": 0.5660377358490566,
          "dialogue": 0.1320754716981132,
          "sanctions": 0.3018867924528302
        },
        "values": {
          "ip-theft": {
            "none": 0,
            "oppose-hacking": 0.2,
            "mutual-pledge": 0.85,
            "pledge-and-cases": 1
          },
          "dialogue": {
            "none": 0,
            "revive-cwg": 0.55,
            "ministerial-hotline": 0.75,
            "both-tracks": 1
          },
          "sanctions": {
            "silent": 0.8,
            "restraint": 0.2,
            "consequences": 1,
            "drop-indictments": 0
          }
        },
        "reservationValue": 0.35
      }
    }
  }
];
