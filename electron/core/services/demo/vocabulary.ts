/** The demo's words and weights: the people, the names leads and companies are made of, products and reasons. */

/** The teams: the first sales person is the team lead. */
export const SALES_PEOPLE = ['Ana Lima', 'Jonas Weber', 'Priya Nair', 'Mateo García', 'Sophie Martin', 'Lukas Novak'];
export const MARKETING_PEOPLE = ['Tom Berg', 'Elena Rossi', 'Mia Schneider', 'Daniel Okafor'];

/** What the leads' and companies' names are made of. */
// prettier-ignore
export const FIRST_NAMES = [
  'Anna', 'Ben', 'Clara', 'David', 'Eva', 'Felix', 'Greta', 'Hugo', 'Ines', 'Jan', 'Katrin', 'Leon', 'Marta',
  'Nils', 'Olivia', 'Paul', 'Rosa', 'Simon', 'Tara', 'Umar', 'Vera', 'Wim', 'Yara', 'Zoe', 'Amir', 'Bianca',
  'Carlos', 'Dana', 'Emil', 'Fatima', 'Georg', 'Hanna', 'Ivan', 'Julia', 'Karl', 'Lena', 'Marco', 'Nora',
];
// prettier-ignore
export const LAST_NAMES = [
  'Adler', 'Bauer', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Gomez', 'Hansen', 'Ivanova', 'Jansen', 'Keller',
  'Larsen', 'Moreau', 'Nowak', 'Olsen', 'Peters', 'Quinn', 'Richter', 'Silva', 'Torres', 'Ullrich', 'Vogel',
  'Wagner', 'Young', 'Zimmermann', 'Brandt', 'Conti', 'Dahl', 'Engel', 'Fontaine',
];
// prettier-ignore
export const COMPANY_HEADS = [
  'Nordwind', 'Bluefield', 'Kestrel', 'Alpenrose', 'Harbor', 'Lumen', 'Vektor', 'Quarzwerk', 'Brightline',
  'Tidewater', 'Falkner', 'Oakridge', 'Silberberg', 'Northstar', 'Pinecrest', 'Rheinblick', 'Copperleaf',
  'Westhaven', 'Sundial', 'Granite', 'Elbe', 'Meridian', 'Atlas', 'Corvid', 'Linden', 'Ostwind',
];
// prettier-ignore
export const COMPANY_TAILS = [
  'Logistics', 'Software', 'Health', 'Energy', 'Foods', 'Analytics', 'Robotics', 'Media', 'Retail', 'Labs',
  'Finance', 'Mobility', 'Systems', 'Textiles', 'Builders', 'Travel',
];
/** Legal forms and products for company names and deal titles. */
export const LEGAL_FORMS = ['GmbH', 'AG', 'Ltd', 'BV', 'SAS', 'Inc.', 'AB', 'GmbH & Co. KG'];
export const PRODUCTS = ['Team plan', 'Business plan', 'Enterprise pilot', 'Business plan, 2 years', 'Starter plan'];

/** How likely a deal stops in each open stage, and the weighted reasons of wins, losses and poor reviews. */
export const OPEN_STAGE_WEIGHTS = [0.2, 0.24, 0.27, 0.29];
export const WON_REASONS: [string, number][] = [
  ['won_product_fit', 40],
  ['won_relationship', 25],
  ['won_speed', 20],
  ['won_price', 15],
];
export const LOST_REASONS: [string, number][] = [
  ['lost_price', 30],
  ['lost_competitor', 30],
  ['lost_no_decision', 20],
  ['lost_features', 12],
  ['lost_timing', 8],
];
export const LOW_REVIEW_REASONS = [
  'no_budget',
  'wrong_size',
  'student_or_job',
  'competitor',
  'no_authority',
  'bad_timing',
];
