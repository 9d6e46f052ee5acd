/**
 * Word lists behind person-name detection. All entries are lower case. Kept as data so the
 * reviewers who know the local case mix can extend them without touching the matching logic.
 */

const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

/**
 * First names that are not also everyday English words or clinical terms: matched in any case.
 * Spread across the backgrounds of people seen in UK imaging departments.
 */
export const FIRST_NAMES = words(`
  oliver george harry noah jacob leo oscar charlie arthur thomas james william henry alfie joshua freddie
  theo archie isaac alexander edward samuel joseph daniel logan lucas ethan benjamin sebastian adam dylan
  tyler finley elijah harrison luca tommy albert louis reuben ronnie toby frederick stanley david john
  michael peter paul andrew richard robert christopher stephen steven anthony kevin brian gary ian neil
  simon timothy philip jonathan nicholas matthew graham keith kenneth derek trevor colin malcolm nigel
  geoffrey gordon roger raymond dennis leslie alan barry terence clive martin patrick sean liam declan
  ciaran connor aidan callum fraser hamish euan angus alistair alasdair duncan gareth rhys dafydd owain
  gethin ieuan iwan emyr huw aled emrys carl craig darren wayne shane jason jamie ryan aaron nathan
  adrian stuart scott jeremy julian howard douglas ronald donald harold walter ernest cyril percy
  wilfred reginald arnold bernard gerald leonard vincent sidney francis dominic gregory hugh rupert
  giles jake luke kieran bradley josh tom dan danny joe jim jimmy billy bobby johnny tony terry mick
  mike steve dave pete phil chris andy tim jon evan eli hugo jasper rory alfred edwin eric ivor
  kyle lewis marcus mathew nathaniel owen reece ricky robbie shaun spencer wesley zachary
  muhammad mohammed mohammad mohamed mohamad ahmed ahmad abdul abdullah abdi abdirahman mustafa kamal
  faisal rashid shahid nasir jamal karim rizwan waqar imran irfan tariq asif khalid bilal hamza usman
  zain hussain hassan hussein ibrahim yusuf omar ali amir arif ayaan ismail idris junaid sajid zubair
  raj rajesh ravi sanjay sunil anil vijay amit arjun rohan rahul vikram ashok deepak manoj prakash
  suresh ramesh harpreet gurpreet jaspreet manpreet mandeep kuldeep sandeep amrit baljit jaswinder
  harjit inderjit ajay nikhil krishna kiran aarav vivek sachin pradeep dinesh mahesh naveen
  chidi chinedu chukwuemeka emeka obinna oluwaseun olumide adebayo ayodele babajide femi tunde kwame
  kofi kwabena yaw tendai tatenda farai sipho themba winston desmond delroy errol leroy jermaine tyrone
  kemar olusegun oluwadamilare chibuike ikenna uchenna
  piotr pawel krzysztof tomasz marcin michal lukasz jakub andrzej wojciech grzegorz janusz bogdan
  mihai ionut andrei alexandru dmitri sergei vasile darius mateusz kacper szymon
  wei xiaoming hiroshi kenji minh
  olivia amelia isla ava mia isabella sophia sophie freya emily ella evie charlotte elsie sienna alice
  matilda phoebe jessica chloe lucy hannah katie megan lauren rebecca sarah laura emma amy rachel claire
  helen karen julie susan linda patricia margaret elizabeth mary barbara jennifer deborah janet joan
  jane joyce dorothy doris irene edna eileen sheila pauline maureen brenda valerie gillian christine
  angela tracey tracy sharon michelle nicola joanne samantha natalie catherine katherine kathryn
  caroline louise fiona alison lesley lorraine wendy denise yvonne beverley andrea jacqueline diane
  elaine anne ann annie bridget siobhan aoife niamh orla roisin ciara mairead sinead eilidh morag
  kirsty shona mhairi catriona rhiannon sian bethan cerys ffion nia leah zara aaliyah imogen esme
  maisie harriet eleanor beatrice penelope rosie gemma hayley kelly stacey danielle zoe abigail naomi
  ruth esther miriam judith shirley norma hilda mabel ethel gladys vera marjorie muriel eva ellie
  millie lottie molly martha edith agnes cecilia clara julia maria sofia carmen lucia chantelle
  marcia jill jenny jo-anne kate kathleen teresa theresa bernadette veronica rita josephine audrey
  sylvia marion marian hazel-ann lynne lynn heidi tina nina gina donna debbie debra mandy vicky
  becky jackie sally sandra tanya tamsin tara abbie beth carly courtney demi jodie kayleigh keeley
  kimberley leanne lindsey lisa natasha nikki paige shannon sonia stella tegan vanessa yasmin
  zainab ayesha aisha fatima maryam amina khadija saima nadia sana shabana nasreen parveen rukhsana
  farah samina sadia hafsa iman noor sumaira tahira priya anjali sunita anita kavita neha pooja meena
  lakshmi deepa asha geeta rekha shanti indira nisha divya shreya simran harleen jasleen manjit
  ngozi chioma adaeze amara nneka kemi yewande funmilayo folasade abena efua thandiwe zanele hodan
  hawa fadumo deka shanice
  agnieszka katarzyna malgorzata magdalena joanna anna ewa zofia ioana gabriela natalia oksana olena
  xiaoling pierre jean-pierre rahman abdulrahman
`);

/**
 * First names that are also ordinary words, places or clinical terms ("Grace", "Amber alert",
 * "Mason classification"): only a name with stronger evidence (a title or role word before it,
 * or a capitalised surname after it mid-sentence).
 */
export const AMBIGUOUS_FIRST_NAMES = words(`
  may will mark bill grace faith hope rose sue pat jack dawn summer amber iris ray don art carol frank
  joy june april august ivy lily poppy daisy ruby holly hazel heather jade crystal violet willow autumn
  sky skye rain river storm sunny harper mason carter taylor cooper hunter chase drew reed wade lance
  pierce miles max dean lee guy rob bob nick matt ed al norman victor victoria florence jordan sam ben
  penny sandy misty gay dot kit jean gene rex basil sage pearl angel destiny harmony melody honey
  cherry star precious patience prudence charity constance mercy chance cliff dale glen brook earl
  jay kay roman rusty ginger rich jewel india asia georgia austin lincoln devon chelsea eve liberty
  trinity jo di jan kerry christian bradford rowan ash
  `);

/** Words that put a name after them: titles (dropped from the finding) and honorifics. */
export const TITLES = words(`mr mrs ms miss mx dr prof professor sister nurse sr sir dame lady lord rev reverend father`);

/** Relations and roles that introduce a name: "her husband John", "the radiologist, Ahmed". */
export const ROLE_WORDS = words(`
  patient husband wife partner fiance fiancee daughter son mother father mum mom dad brother sister
  grandson granddaughter grandmother grandfather grandma grandad granny aunt uncle niece nephew carer
  friend neighbour neighbor radiologist consultant gp radiographer sonographer registrar surgeon
  clinician doctor nurse physician oncologist urologist cardiologist complainant relative stepson
  stepdaughter stepmother stepfather called named
`);

/** Two-word phrases that introduce a name ("seen by Priya", "spoke to Gareth"). */
export const ROLE_PAIRS = words(`
  seen_by reported_by vetted_by signed_by reviewed_by referred_by spoke_to spoke_with discussed_with
  known_as escalated_to handed_to
`);

/** Tokens before a first name that make it part of a place: St Thomas', Queen Elizabeth, King George. */
export const PLACE_PREFIXES = words(`st saint queen king prince princess royal port fort mount`);

/**
 * Capitalised words that are never a surname or a name after a role word: function words, months,
 * days, departments, roles, body parts, modalities and the vocabulary of complaint letters.
 */
export const NON_NAME_WORDS = words(`
  the a an this that these those he she they we i it its his her him their our my your on in at of
  for from to by with after before during when while following then there also however although but
  and or not no yes please dear thank thanks regards kind best sincerely re subject cc
  who what which where why how was were is are be been has had have did does do will would could should
  today yesterday tomorrow tonight morning afternoon evening night
  monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
  january february march april june july august september october november december jan feb mar apr
  jun jul aug sep sept oct nov dec spring autumn winter christmas easter bank holiday weekend
  hospital hospitals trust foundation nhs radiology radiologist radiologists consultant consultants
  registrar registrars radiographer radiographers sonographer sonographers department dept ward wards
  unit units team teams clinic clinics centre center service services imaging emergency oncology
  urology cardiology respiratory gastroenterology surgery surgical medical medicine orthopaedics
  orthopaedic paediatrics paediatric obstetrics gynaecology neurology neurosurgery haematology
  pathology histology histopathology pharmacy nursing practice practices practitioner practitioners
  specialist specialists manager managers lead leads director directors clinical head deputy chief
  executive officer governance patient patients safety complaints complaint pals incident incidents
  report reports reporting review reviews learning datix scan scans ct mri ultrasound x-ray xray
  chest abdomen pelvis spine breast lung lungs liver kidney kidneys brain knee hip shoulder ankle
  wrist hand foot neck left right bilateral contrast addendum alert alerts urgent critical routine
  cancer pathway referral referrals request requests letter letters discharge summary follow-up
  outpatient outpatients inpatient inpatients gp gps general royal college england wales scotland
  ireland northern british english welsh scottish irish uk council health care social quality
  commission ombudsman parliamentary national institute excellence guidance guideline guidelines
  standards standard street road lane avenue close house court building wing suite theatre theatres
  reception switchboard admin administration booking bookings office secretary secretaries typist
  matron doctor doctors nurse nurses sister mother father husband wife son daughter trainee trainees
  fellow locum agency staff junior senior associate assistant advanced diagnostic interventional
  nuclear pet fluoroscopy mammography screening programme level stage grade score type category class
  group phase day week month year acute assessment intensive high dependency coronary stroke trauma
  major minor injuries accident community hospice primary secondary tertiary regional district
  infirmary university teaching children children's women women's maternity mental ambulance
  integrated board commissioning network alliance partnership system systems software pacs ris epr
  record records portal email phone telephone mobile fax post consultant's radiologist's patient's
  mr mrs ms miss mx dr prof professor sir dame lady lord rev
  appointment appointments result results findings finding impression conclusion comparison technique
  history indication indications clinical opinion recommendation recommendations action actions
  outcome outcomes harm harms moderate severe low none fatal delay delays delayed missed error errors
  yes no n/a see note notes comment comments response responses apology duty candour candor
  investigation investigations root cause analysis timeline background method methods
  unexpected significant significantly important finding communication communications acknowledgement
  lfpse nrls hssib hsib cqc rcr phso nice who bma gmc nmc hcpc sor
  trust's hospital's multidisciplinary mdt mdm meeting meetings realm discrepancy discrepancies
  lung-rads bi-rads pi-rads li-rads ti-rads o-rads tnm figo gleason breslow bosniak fleischner
  consultant-led radiographer-led nurse-led band
  chair chairman chairwoman secretary treasurer member members panel emeritus emerita
`);

/** A capitalised word followed by one of these is a place, a building or an eponym, not a person. */
export const ORG_NOUNS = words(`
  hospital hospitals infirmary centre center clinic unit ward wing building house trust practice surgery
  health hospice college university school road street lane avenue way drive close court suite
  institute foundation memorial medical hall park square library lecture fund award prize scale score
  criteria classification sign signs syndrome disease fracture fractures palsy cyst lymphoma sarcoma
  tumour tumor node nodes nodule line lines triad procedure operation murmur staging grade index lesion
  malformation anomaly ulcer phenomenon test manoeuvre maneuver position view projection catheter tube
  method technique rule rules law effect body bodies cell cells oesophagus esophagus criterion
  classification system partnership group network alliance pharmacy surgery's laboratory lab
`);

/**
 * Eponyms, organisations and hospitals that must never be read as a person, even when a word in
 * them is also a first name or sits after a role word.
 */
export const EPONYM_WORDS = words(`
  hodgkin non-hodgkin hodgkin's crohn crohn's graves graves' parkinson parkinson's alzheimer alzheimer's
  wilms bankart hill-sachs down bakers baker baker's barrett barrett's bell bell's colles smith smith's
  monteggia galeazzi salter-harris perthes legg-calve-perthes osgood-schlatter paget paget's cushing
  cushing's addison addison's hashimoto hashimoto's kawasaki kaposi kaposi's ewing ewing's wilson
  wilson's hirschsprung hirschsprung's meckel meckel's morton morton's dupuytren dupuytren's pancoast
  virchow virchow's murphy murphy's mcburney mcburney's glasgow bosniak fleischner gleason breslow
  burkitt burkitt's waldenstrom marfan turner turner's klinefelter tourette asperger huntington
  huntington's raynaud raynaud's whipple whipple's budd-chiari arnold-chiari guillain-barre
  stevens-johnson creutzfeldt-jakob charcot schmorl schmorl's boerhaave mallory-weiss jefferson
  hangman's bennett bennett's rolando barton barton's segond lisfranc maisonneuve tillaux hampton
  hampton's westermark kerley spigelian richter richter's krukenberg courvoisier cullen cullen's
  trousseau rovsing homans beck beck's horner horner's todd todd's wernicke korsakoff lewy pick's
  meniere meniere's ménière's peyronie kienbock kienböck scheuermann sever's takayasu behcet behçet
  zenker zenker's mirizzi caroli klatskin dukes dukes' clark lugano wells rockall child-pugh ranson
  apgar tanner karnofsky nottingham milan bethesda fisher spetzler-martin weber garden pipkin schatzker
  neer gustilo lauge-hansen denis hounsfield doppler valsalva trendelenburg seldinger foley hickman
  swan-ganz hartmann hartmann's nissen roux-en-y billroth heller fontan glenn blalock norwood rastelli
  jatene wolff-parkinson-white brugada fallot ebstein eisenmenger kussmaul cheyne-stokes tay-sachs
  gaucher niemann-pick hurler pompe fabry menkes stewart-treves louis-bar ramsay hunt grey chance
  mason monteggia's galeazzi's colles' perthes' thomas' guy's addenbrooke addenbrooke's marsden
  christie king's kings mary's george's james's luke's peter's john's helier bartholomew's barts
  nightingale evelina ormond alder hey ninewells frimley clatterbridge walton radcliffe harvey
  england rcr cqc hssib hsib phso nice nhs
`);

/** Multi-word eponyms and named places whose first word is a first name. */
export const EPONYM_PHRASES = [
  'ann arbor',
  'ivor lewis',
  'graham steell',
  'austin flint',
  'carey coombs',
  'sister mary joseph',
  'mary joseph',
  'ramsay hunt',
  'grey turner',
  'lou gehrig',
  'tommy john',
  'john radcliffe',
  'william harvey',
  'george eliot',
  'florence nightingale',
  'james cook',
  'james paget',
  'alexandra hospital',
  'princess alexandra',
  'queen elizabeth',
  'royal victoria',
  'victoria hospital',
  'christie hospital',
  'hope hospital',
  'grace ward',
  'charing cross',
] as const;

/** Lower-case particles inside surnames: "Maria de Souza", "Pieter van der Berg". */
export const SURNAME_PARTICLES = words(`de da di du del della der den van von le la al el bin ibn ap ter`);
