/**
 * Words and sentence templates for the demo corpus (see corpus.ts). Kept apart from the generator so
 * the people who know real casework can extend the phrasing without touching the distributions.
 *
 * Rules every phrase here must keep, because the identifier scanner runs on the output:
 * roles, never names; no capitalised word straight after a role word ("the radiologist Reported");
 * month and year at most, never a day before a month; no long digit runs; spinal levels with a slash.
 */

import { THEMES } from './reference/2026-11-23.ts';

export type Rng = () => number;
export type Journey = {
  request: 0;
  vetting?: number;
  scan?: number;
  report?: number;
  alert?: number;
  acknowledgement?: number;
  action?: number;
};

/** Splits a `|`-separated list; one string literal per list keeps the data compact and greppable. */
const L = (s: string): string[] => s.split('|').map((t) => t.trim()).filter(Boolean);

/**
 * A choice list weighted 1/(rank+1): earlier entries are common and later ones rare, which is how
 * real casework vocabulary behaves and what gives the search benchmark a Zipf-like word distribution.
 */
export class Slot {
  readonly items: readonly string[];
  private readonly cum: Float64Array;
  constructor(items: readonly string[], flat = false) {
    this.items = items;
    this.cum = new Float64Array(items.length);
    let total = 0;
    items.forEach((_, i) => (this.cum[i] = total += flat ? 1 : 1 / (i + 1)));
    for (let i = 0; i < items.length; i++) this.cum[i]! /= total;
  }
  pick(r: Rng): string {
    const u = r();
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo]!;
  }
}
const S = (s: string, flat = false) => new Slot(L(s), flat);

export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const any = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

// ------------------------------------------------------------------------------------------------
// Scenarios: an examination with the findings that go wrong on it.

export type Finding = {
  name: string;
  alert: 'critical' | 'urgent' | 'significant' | 'cancer';
  disease: string;
  describe: (r: Rng) => string;
};
export type Scenario = {
  key: string;
  exams: Slot;
  modality: string;
  bodyArea: string;
  settings: string[];
  ages: string[];
  findings: Finding[];
};

// "an 8 mm", "an 18 mm", "an FDG-avid", "an urgent", but "a U4", "a unilateral" (you) and "a 28 mm".
const anArticle = (phrase: string) => /^(?:8|1[18](?!\d)|[aeiou]|FDG|MRI|ENT|X-)/i.test(phrase) && !/^(?:U\d|uni|use|one)/i.test(phrase);

/** A finding phrase: "a 14 mm spiculated nodule in the right upper lobe". */
function finding(name: string, alert: Finding['alert'], disease: string, sizes: [number, number] | null, descs: string, nouns: string, sites: string): Finding {
  const d = S(descs);
  const n = S(nouns);
  const s = S(sites, true);
  return {
    name,
    alert,
    disease,
    describe: (r) => {
      const size = sizes ? `${int(r, sizes[0], sizes[1])} mm ` : '';
      const phrase = `${size}${d.pick(r)} ${n.pick(r)} ${s.pick(r)}`;
      return `${anArticle(phrase) ? 'an' : 'a'} ${phrase}`;
    },
  };
}

const LUNG_SITES = 'in the right upper lobe|in the left upper lobe|in the right lower lobe|in the left lower lobe|in the right middle lobe|in the lingula|at the left apex|at the right apex|projected over the left hilum|behind the heart|in the periphery of the right lung|adjacent to the right hemidiaphragm';

export const SCENARIOS: Scenario[] = [
  {
    key: 'cxr', modality: 'xr', bodyArea: 'chest', settings: ['gp', 'gp', 'ed', 'outpatient', 'inpatient'], ages: ['40-64', '65-79', '80+', '16-39'],
    exams: S('chest X-ray|chest radiograph|PA chest X-ray|portable chest X-ray|follow-up chest X-ray'),
    findings: [
      finding('lung nodule', 'cancer', 'lung cancer', [9, 28], 'spiculated|rounded|lobulated|ill-defined|solitary|new', 'nodule|opacity|soft tissue density', LUNG_SITES),
      finding('hilar mass', 'cancer', 'lung cancer', null, 'bulky|lobulated|new|unilateral', 'hilar mass|hilar enlargement|perihilar mass', 'on the right|on the left|with volume loss in the upper lobe|with mediastinal widening'),
      finding('rib lesion', 'cancer', 'metastatic disease', null, 'lytic|expansile|destructive|moth-eaten', 'lesion|deposit', 'in the left sixth rib|in the right fourth rib|in the posterior left ninth rib|in the lateral right seventh rib|in the scapula'),
      finding('pleural effusion', 'significant', 'mesothelioma', null, 'unilateral|large|new|lobulated', 'pleural effusion|pleural thickening', 'on the right|on the left|with nodular pleural margins'),
      finding('cavitating lesion', 'significant', 'tuberculosis', [20, 45], 'thick-walled|cavitating|irregular', 'lesion|opacity', LUNG_SITES),
      finding('pneumothorax', 'critical', 'tension pneumothorax', null, 'large|moderate|apical|new', 'pneumothorax', 'on the right|on the left|with mediastinal shift'),
    ],
  },
  {
    key: 'ctc', modality: 'ct', bodyArea: 'abdomen', settings: ['outpatient', 'gp', 'screening'], ages: ['65-79', '40-64', '80+'],
    exams: S('CT colonography|CT colonography with tagging|minimal-preparation CT colon'),
    findings: [
      finding('renal mass', 'cancer', 'renal cell carcinoma', [18, 60], 'enhancing|solid|exophytic|heterogeneous|Bosniak IV cystic', 'renal mass|renal lesion', 'in the upper pole of the left kidney|in the lower pole of the right kidney|at the interpolar region of the left kidney|arising from the right kidney'),
      finding('adrenal nodule', 'significant', 'adrenal carcinoma', [24, 52], 'indeterminate|heterogeneous|lipid-poor', 'adrenal nodule|adrenal mass', 'on the left|on the right'),
      finding('colonic mass', 'cancer', 'colorectal cancer', [15, 45], 'annular|polypoid|apple-core|sessile', 'lesion|mass|stricture', 'in the sigmoid colon|in the caecum|at the hepatic flexure|in the descending colon|in the rectosigmoid'),
      finding('ovarian mass', 'cancer', 'ovarian cancer', [40, 90], 'complex|solid-cystic|septated', 'adnexal mass|ovarian mass', 'on the right|on the left|in the pelvis'),
      finding('aortic aneurysm', 'urgent', 'aortic aneurysm rupture', [52, 68], 'infrarenal|fusiform', 'abdominal aortic aneurysm', 'with mural thrombus|without leak'),
    ],
  },
  {
    key: 'cthead', modality: 'ct', bodyArea: 'head', settings: ['ed', 'ed', 'inpatient'], ages: ['80+', '65-79', '40-64', '16-39'],
    exams: S('CT head|non-contrast CT head|CT head after a fall|CT head for confusion'),
    findings: [
      finding('subdural haematoma', 'critical', 'expanding subdural haematoma', [6, 18], 'acute|acute-on-chronic|mixed-density', 'subdural haematoma|subdural collection', 'over the left convexity|over the right convexity|with midline shift'),
      finding('brain tumour', 'cancer', 'high-grade glioma', [20, 50], 'ill-defined|hypodense|mass-forming', 'lesion|mass', 'in the right frontal lobe|in the left temporal lobe|in the parietal white matter'),
      finding('meningioma', 'significant', 'enlarging meningioma', [25, 45], 'extra-axial|calcified|dural-based', 'mass', 'along the falx|over the left sphenoid wing|at the olfactory groove'),
      finding('hydrocephalus', 'critical', 'obstructive hydrocephalus', null, 'new|progressive|marked', 'ventricular dilatation|hydrocephalus', 'with transependymal oedema|since the last scan'),
    ],
  },
  {
    key: 'mrispine', modality: 'mri', bodyArea: 'spine', settings: ['outpatient', 'gp', 'inpatient', 'ed'], ages: ['40-64', '65-79', '16-39'],
    exams: S('MRI lumbar spine|MRI whole spine|MRI cervical spine|MRI thoracic spine'),
    findings: [
      finding('vertebral metastasis', 'cancer', 'metastatic cancer', null, 'marrow-replacing|expansile|enhancing', 'lesion|deposit', 'in the L2 vertebral body|in the T9 vertebral body|in the sacrum|in the L4 pedicle'),
      finding('cord compression', 'critical', 'metastatic cord compression', null, 'early|impending|epidural', 'cord compression|canal compromise', 'at T6|at the thoracolumbar junction|at C5/6'),
      finding('renal mass', 'cancer', 'renal cell carcinoma', [25, 55], 'incidental|solid|exophytic', 'renal mass', 'on the localiser images|at the edge of the field of view'),
      finding('nerve sheath tumour', 'significant', 'nerve sheath tumour', [12, 30], 'dumbbell|enhancing|intradural', 'lesion', 'at L3/4|at T11/12|in the right exit foramen at L5/S1'),
    ],
  },
  {
    key: 'mammo', modality: 'mammo', bodyArea: 'breast', settings: ['screening', 'screening', 'outpatient'], ages: ['40-64', '65-79'],
    exams: S('screening mammogram|bilateral mammography|symptomatic mammography|two-view mammogram'),
    findings: [
      finding('microcalcification', 'cancer', 'breast cancer', null, 'pleomorphic|segmental|linear branching|clustered', 'microcalcification', 'in the upper outer quadrant of the left breast|in the retroareolar right breast|in the lower inner quadrant of the right breast'),
      finding('breast mass', 'cancer', 'breast cancer', [8, 30], 'spiculated|irregular|ill-defined', 'mass', 'in the left breast|in the right breast|in the axillary tail'),
      finding('architectural distortion', 'cancer', 'breast cancer', null, 'subtle|new|focal', 'architectural distortion', 'in the right breast|in the left breast'),
    ],
  },
  {
    key: 'ctpa', modality: 'ct', bodyArea: 'chest', settings: ['ed', 'inpatient', 'inpatient'], ages: ['40-64', '65-79', '16-39', '80+'],
    exams: S('CTPA|CT pulmonary angiogram|CT pulmonary angiography'),
    findings: [
      finding('pulmonary embolism', 'critical', 'pulmonary embolism', null, 'bilateral|segmental|lobar|saddle', 'pulmonary emboli|pulmonary embolus', 'with right heart strain|without right heart strain|with a small infarct'),
      finding('lung mass', 'cancer', 'lung cancer', [20, 55], 'incidental|spiculated|cavitating', 'mass', LUNG_SITES),
      finding('thyroid nodule', 'significant', 'thyroid cancer', [15, 35], 'incidental|heterogeneous', 'thyroid nodule', 'in the right lobe|in the left lobe|at the isthmus'),
    ],
  },
  {
    key: 'ctap', modality: 'ct', bodyArea: 'abdomen', settings: ['ed', 'inpatient', 'outpatient', 'gp'], ages: ['65-79', '40-64', '80+'],
    exams: S('CT abdomen and pelvis|contrast CT abdomen and pelvis|CT abdomen pelvis for weight loss|portal venous CT abdomen'),
    findings: [
      finding('pancreatic mass', 'cancer', 'pancreatic cancer', [14, 35], 'hypoenhancing|ill-defined|subtle', 'mass|lesion', 'in the head of the pancreas|in the uncinate process|in the pancreatic tail|at the pancreatic neck'),
      finding('liver lesions', 'cancer', 'metastatic disease', [8, 40], 'multiple|hypodense|ring-enhancing', 'liver lesions', 'in both lobes|in segment VI and VII|in the right lobe'),
      finding('free air', 'critical', 'bowel perforation', null, 'small volume|extraluminal', 'free gas|pneumoperitoneum', 'under the diaphragm|around the sigmoid colon'),
      finding('renal mass', 'cancer', 'renal cell carcinoma', [20, 70], 'solid|enhancing|heterogeneous', 'renal mass', 'in the left kidney|in the right kidney'),
      finding('gastric thickening', 'cancer', 'gastric cancer', null, 'irregular|circumferential|focal', 'gastric wall thickening', 'at the antrum|along the lesser curve|at the gastro-oesophageal junction'),
    ],
  },
  {
    key: 'usabdo', modality: 'us', bodyArea: 'abdomen', settings: ['gp', 'gp', 'outpatient'], ages: ['40-64', '65-79', '16-39'],
    exams: S('abdominal ultrasound|ultrasound of the liver and biliary tree|upper abdominal ultrasound|renal ultrasound'),
    findings: [
      finding('dilated pancreatic duct', 'significant', 'pancreatic cancer', null, 'new|unexplained', 'dilatation of the pancreatic duct and common bile duct', 'with a poorly seen pancreatic head|without a visible stone'),
      finding('liver lesion', 'significant', 'hepatocellular carcinoma', [18, 45], 'solid|hypoechoic|heterogeneous', 'liver lesion', 'in the right lobe|in the left lobe|in a cirrhotic liver'),
      finding('gallbladder polyp', 'significant', 'gallbladder cancer', [9, 16], 'sessile|solitary', 'gallbladder polyp', 'at the fundus|in the body of the gallbladder'),
      finding('renal mass', 'cancer', 'renal cell carcinoma', [20, 50], 'solid|echogenic', 'renal mass', 'in the left kidney|in the right kidney'),
    ],
  },
  {
    key: 'uspelvis', modality: 'us', bodyArea: 'pelvis', settings: ['gp', 'outpatient'], ages: ['40-64', '16-39', '65-79'],
    exams: S('pelvic ultrasound|transvaginal ultrasound|ultrasound of the pelvis'),
    findings: [
      finding('complex ovarian cyst', 'cancer', 'ovarian cancer', [45, 95], 'multilocular|solid-cystic|complex', 'ovarian cyst|adnexal mass', 'on the right|on the left'),
      finding('thickened endometrium', 'cancer', 'endometrial cancer', null, 'irregular|thickened|heterogeneous', 'endometrium', 'in a postmenopausal patient|with fluid in the cavity'),
    ],
  },
  {
    key: 'usneck', modality: 'us', bodyArea: 'neck', settings: ['gp', 'outpatient'], ages: ['40-64', '16-39', '65-79'],
    exams: S('thyroid ultrasound|neck ultrasound|ultrasound of a neck lump'),
    findings: [
      finding('thyroid nodule', 'cancer', 'thyroid cancer', [12, 35], 'U4|U5|solid hypoechoic|taller-than-wide', 'thyroid nodule', 'in the right lobe|in the left lobe|at the isthmus'),
      finding('abnormal lymph node', 'cancer', 'lymphoma', [15, 30], 'rounded|necrotic|abnormal', 'lymph node', 'in the left supraclavicular fossa|at level II on the right|in the posterior triangle'),
    ],
  },
  {
    key: 'ctchest', modality: 'ct', bodyArea: 'chest', settings: ['outpatient', 'inpatient', 'gp'], ages: ['65-79', '40-64', '80+'],
    exams: S('CT chest|contrast CT thorax|CT chest abdomen and pelvis|low-dose CT chest|staging CT'),
    findings: [
      finding('growing lung nodule', 'cancer', 'lung cancer', [8, 22], 'part-solid|ground-glass|enlarging|solid', 'nodule', LUNG_SITES),
      finding('mediastinal lymphadenopathy', 'cancer', 'lymphoma', null, 'bulky|necrotic|new', 'mediastinal lymphadenopathy', 'in the subcarinal station|in the right paratracheal station|in the aortopulmonary window'),
      finding('oesophageal thickening', 'cancer', 'oesophageal cancer', null, 'asymmetric|irregular', 'oesophageal wall thickening', 'in the distal oesophagus|at the mid oesophagus'),
      finding('incidental pulmonary embolism', 'urgent', 'pulmonary embolism', null, 'unsuspected|segmental|subsegmental', 'pulmonary embolus', 'in the right lower lobe|in the left lower lobe'),
    ],
  },
  {
    key: 'mribrain', modality: 'mri', bodyArea: 'head', settings: ['outpatient', 'gp', 'inpatient'], ages: ['40-64', '16-39', '65-79', '0-15'],
    exams: S('MRI brain|MRI head with contrast|MRI internal auditory meatus|MRI pituitary'),
    findings: [
      finding('brain tumour', 'cancer', 'glioma', [15, 45], 'enhancing|non-enhancing|infiltrative', 'lesion', 'in the left frontal lobe|in the right insula|in the corpus callosum'),
      finding('unruptured aneurysm', 'urgent', 'subarachnoid haemorrhage', [5, 12], 'incidental|lobulated', 'aneurysm', 'at the anterior communicating artery|at the right middle cerebral artery bifurcation|at the basilar tip'),
      finding('vestibular schwannoma', 'significant', 'vestibular schwannoma', [8, 20], 'enhancing', 'lesion', 'in the left internal auditory canal|at the right cerebellopontine angle'),
      finding('pituitary macroadenoma', 'significant', 'pituitary macroadenoma', [12, 24], 'suprasellar|solid', 'pituitary mass', 'abutting the optic chiasm|with cavernous sinus extension'),
    ],
  },
  {
    key: 'mriprostate', modality: 'mri', bodyArea: 'pelvis', settings: ['outpatient'], ages: ['65-79', '40-64', '80+'],
    exams: S('prostate MRI|multiparametric prostate MRI|biparametric prostate MRI'),
    findings: [
      finding('prostate lesion', 'cancer', 'prostate cancer', [8, 22], 'PI-RADS 5|PI-RADS 4|diffusion-restricting', 'lesion', 'in the left peripheral zone|in the right transition zone|at the apex|at the base'),
      finding('pelvic bone lesion', 'cancer', 'metastatic prostate cancer', null, 'sclerotic|low-signal', 'bone lesion', 'in the right iliac bone|in the left acetabulum|in the sacrum'),
    ],
  },
  {
    key: 'xrhip', modality: 'xr', bodyArea: 'pelvis', settings: ['ed', 'gp', 'inpatient'], ages: ['80+', '65-79', '0-15'],
    exams: S('pelvis X-ray|hip X-ray|AP pelvis radiograph|lateral hip X-ray'),
    findings: [
      finding('hip fracture', 'urgent', 'displaced hip fracture', null, 'subtle|undisplaced|impacted', 'fracture', 'of the left femoral neck|of the right femoral neck|through the intertrochanteric region'),
      finding('lytic lesion', 'cancer', 'myeloma', null, 'lytic|permeative|expansile', 'lesion', 'in the proximal right femur|in the left iliac wing|in the pubic ramus'),
      finding('slipped epiphysis', 'urgent', 'slipped upper femoral epiphysis', null, 'subtle|early', 'slip of the capital femoral epiphysis', 'on the left|on the right'),
    ],
  },
  {
    key: 'xrlimb', modality: 'xr', bodyArea: 'lower_limb', settings: ['ed', 'gp', 'outpatient'], ages: ['16-39', '0-15', '40-64', '65-79'],
    exams: S('knee X-ray|ankle X-ray|foot X-ray|tibia and fibula X-ray|femur X-ray'),
    findings: [
      finding('bone tumour', 'cancer', 'bone sarcoma', null, 'aggressive|lytic|sclerotic|permeative', 'lesion|bone lesion', 'in the distal femur|in the proximal tibia|in the fibular head|in the calcaneum'),
      finding('missed fracture', 'urgent', 'fracture non-union', null, 'subtle|undisplaced|occult', 'fracture', 'of the base of the fifth metatarsal|of the lateral malleolus|of the tibial plateau|of the talar dome'),
    ],
  },
  {
    key: 'xrarm', modality: 'xr', bodyArea: 'upper_limb', settings: ['ed', 'gp'], ages: ['16-39', '0-15', '40-64', '65-79'],
    exams: S('wrist X-ray|scaphoid views|shoulder X-ray|elbow X-ray|hand X-ray'),
    findings: [
      finding('scaphoid fracture', 'urgent', 'scaphoid non-union', null, 'subtle|undisplaced|waist', 'fracture', 'of the scaphoid|through the scaphoid waist'),
      finding('posterior dislocation', 'urgent', 'missed shoulder dislocation', null, 'posterior|locked', 'dislocation', 'of the left shoulder|of the right shoulder'),
      finding('bone lesion', 'cancer', 'metastatic disease', null, 'lytic|destructive', 'lesion', 'in the proximal humerus|in the distal radius'),
    ],
  },
  {
    key: 'petct', modality: 'petct', bodyArea: 'whole_body', settings: ['outpatient'], ages: ['40-64', '65-79'],
    exams: S('PET-CT|FDG PET-CT|restaging PET-CT|PSMA PET-CT'),
    findings: [
      finding('avid node', 'cancer', 'recurrent cancer', [10, 25], 'new|intensely avid|FDG-avid', 'lymph node', 'in the left axilla|in the para-aortic chain|at the porta hepatis|in the mediastinum'),
      finding('second primary', 'cancer', 'second primary cancer', null, 'focal|unexpected', 'uptake', 'in the caecum|in the right thyroid lobe|in the sigmoid colon'),
    ],
  },
  {
    key: 'nmbone', modality: 'nm', bodyArea: 'whole_body', settings: ['outpatient', 'inpatient'], ages: ['65-79', '40-64', '80+'],
    exams: S('bone scan|isotope bone scan|whole-body bone scintigraphy'),
    findings: [
      finding('bone metastases', 'cancer', 'metastatic disease', null, 'multiple|new|progressive', 'foci of increased uptake', 'in the spine and ribs|in the pelvis|in the skull and femora'),
    ],
  },
  {
    key: 'fluoro', modality: 'fluoro', bodyArea: 'neck', settings: ['outpatient', 'gp'], ages: ['65-79', '80+', '40-64'],
    exams: S('barium swallow|contrast swallow|videofluoroscopy'),
    findings: [
      finding('oesophageal stricture', 'cancer', 'oesophageal cancer', null, 'irregular|shouldered|malignant-looking', 'stricture', 'in the distal oesophagus|at the cricopharyngeus|at the mid oesophagus'),
      finding('aspiration', 'significant', 'aspiration pneumonia', null, 'silent|repeated', 'aspiration', 'with thin fluids|with all consistencies'),
    ],
  },
  {
    key: 'ir', modality: 'ir', bodyArea: 'abdomen', settings: ['inpatient', 'outpatient'], ages: ['65-79', '40-64'],
    exams: S('ultrasound-guided liver biopsy|CT-guided lung biopsy|nephrostomy|image-guided drain insertion'),
    findings: [
      finding('malignant histology', 'cancer', 'metastatic adenocarcinoma', null, 'unexpected|positive', 'histology result', 'from the target lesion|from the core samples'),
      finding('post-procedure bleed', 'critical', 'haemorrhage', null, 'active|enlarging', 'haematoma', 'around the puncture site|in the retroperitoneum'),
    ],
  },
  {
    key: 'ctkub', modality: 'ct', bodyArea: 'abdomen', settings: ['ed', 'gp', 'outpatient'], ages: ['40-64', '16-39', '65-79'],
    exams: S('CT KUB|CT urogram|non-contrast CT kidneys'),
    findings: [
      finding('lung base nodule', 'significant', 'lung cancer', [8, 18], 'solid|incidental', 'nodule', 'in the right lung base|in the left lung base'),
      finding('renal mass', 'cancer', 'renal cell carcinoma', [20, 45], 'solid|exophytic', 'renal mass', 'in the left kidney|in the right kidney'),
      finding('bladder lesion', 'cancer', 'bladder cancer', [10, 30], 'polypoid|irregular', 'bladder wall lesion', 'at the left vesicoureteric junction|on the posterior bladder wall'),
    ],
  },
  {
    key: 'usdvt', modality: 'us', bodyArea: 'vascular', settings: ['ed', 'gp', 'outpatient'], ages: ['40-64', '65-79', '16-39'],
    exams: S('leg Doppler ultrasound|venous Doppler|lower limb venous ultrasound'),
    findings: [
      finding('deep vein thrombosis', 'urgent', 'pulmonary embolism', null, 'occlusive|proximal|non-occlusive', 'deep vein thrombosis', 'in the left popliteal vein|in the right common femoral vein|extending into the iliac vein'),
      finding('groin mass', 'cancer', 'lymphoma', [25, 50], 'solid|vascular', 'mass', 'in the right groin|in the left inguinal region'),
    ],
  },
  {
    key: 'ctaorta', modality: 'ct', bodyArea: 'vascular', settings: ['ed', 'inpatient', 'outpatient'], ages: ['65-79', '40-64', '80+'],
    exams: S('CT aortogram|CT angiogram|CT angiography of the aorta'),
    findings: [
      finding('aortic dissection', 'critical', 'aortic dissection', null, 'type A|type B|intramural', 'dissection flap|aortic dissection', 'in the descending aorta|from the root to the arch'),
      finding('enlarging aneurysm', 'urgent', 'aortic aneurysm rupture', [55, 75], 'enlarging|saccular', 'aneurysm', 'of the infrarenal aorta|of the thoracic aorta'),
    ],
  },
  {
    key: 'mriknee', modality: 'mri', bodyArea: 'lower_limb', settings: ['outpatient', 'gp'], ages: ['16-39', '40-64', '0-15'],
    exams: S('MRI knee|MRI thigh|MRI of a soft tissue lump'),
    findings: [
      finding('soft tissue sarcoma', 'cancer', 'soft tissue sarcoma', [40, 110], 'deep|heterogeneous|enhancing', 'soft tissue mass', 'in the posterior thigh|in the medial gastrocnemius|deep to the fascia'),
      finding('bone marrow lesion', 'cancer', 'bone sarcoma', null, 'aggressive|infiltrative', 'marrow lesion', 'in the distal femur|in the proximal tibia'),
    ],
  },
];

// ------------------------------------------------------------------------------------------------
// Slot vocabularies

const AGE_PHRASES: Record<string, Slot> = {
  '0-15': S('a child|a school-age child|a teenager|a young child|an adolescent'),
  '16-39': S('a young adult|a patient in their thirties|a patient in their twenties|a student|a patient in early adulthood'),
  '40-64': S('a patient in their fifties|a patient in their forties|a patient in their early sixties|a working-age patient|a middle-aged patient'),
  '65-79': S('a patient in their seventies|a patient in their late sixties|a retired patient|an older patient'),
  '80+': S('a patient in their eighties|a frail older patient|a patient over eighty|a care home resident in their nineties'),
};

const COMORBIDITY = S(`type 2 diabetes|hypertension|chronic obstructive pulmonary disease|atrial fibrillation|ischaemic heart disease|
  chronic kidney disease|heart failure|asthma|osteoarthritis|a previous stroke|hypothyroidism|rheumatoid arthritis|obesity|
  a previous myocardial infarction|peripheral vascular disease|dementia|Parkinson's disease|depression|epilepsy|cirrhosis|
  a previous breast cancer|treated bowel cancer|a previous melanoma|Crohn's disease|ulcerative colitis|psoriasis|gout|
  polymyalgia rheumatica|sarcoidosis|bronchiectasis|interstitial lung disease|sickle cell disease|HIV on treatment|
  hepatitis C|alcohol dependence|a learning disability|multiple sclerosis|motor neurone disease|myeloma|a renal transplant|
  pernicious anaemia|coeliac disease|diverticular disease|Barrett's oesophagus|prostatic hypertrophy|osteoporosis|
  systemic lupus erythematosus|ankylosing spondylitis|Graves' disease|chronic pancreatitis|a previous pulmonary embolism|
  aortic stenosis|a mechanical heart valve|obstructive sleep apnoea|schizophrenia|bipolar disorder|Down's syndrome|
  cerebral palsy|cystic fibrosis|a previous lymphoma|a smoking history of forty pack-years|haemochromatosis|
  neurofibromatosis|a previous hysterectomy|endometriosis|polycystic kidneys|vascular dementia|frailty|
  hypercalcaemia|a previous thyroidectomy|a colectomy for familial polyposis|a Whipple's procedure|a previous nephrectomy|
  lymphoedema|a pacemaker|an implantable defibrillator|a previous aortic repair|pulmonary hypertension|asbestos exposure|
  a previous tuberculosis infection|long COVID|fibromyalgia|chronic fatigue|migraine|glaucoma|macular degeneration|hearing loss|
  a previous head injury|spina bifida|scoliosis surgery|a hip replacement|bilateral knee replacements|anorexia nervosa|
  a previous cervical cancer|a previous testicular cancer|Lynch syndrome|a BRCA2 variant|von Hippel-Lindau disease|tuberous sclerosis|
  primary sclerosing cholangitis|primary biliary cholangitis|fatty liver disease|haemophilia|thalassaemia|a splenectomy|
  an ileostomy|a colostomy|a long-term urinary catheter|recurrent urinary infections|kidney stones|gallstones|a hiatus hernia`);

const DRUG = S(`apixaban|metformin|atorvastatin|ramipril|amlodipine|bisoprolol|omeprazole|levothyroxine|rivaroxaban|warfarin|
  furosemide|lansoprazole|simvastatin|aspirin|clopidogrel|insulin|prednisolone|salbutamol|tiotropium|sertraline|citalopram|
  gliclazide|edoxaban|dabigatran|methotrexate|allopurinol|tamsulosin|donepezil|mirtazapine|amitriptyline|gabapentin|
  pregabalin|morphine|oxycodone|co-codamol|paracetamol|naproxen|losartan|candesartan|indapamide|doxazosin|digoxin|
  spironolactone|empagliflozin|dapagliflozin|sitagliptin|semaglutide|hydroxychloroquine|sulfasalazine|azathioprine|
  adalimumab|infliximab|mesalazine|alendronic acid|denosumab|colecalciferol|tamoxifen|letrozole|anastrozole|
  bicalutamide|goserelin|enzalutamide|levetiracetam|sodium valproate|lamotrigine|carbamazepine|co-careldopa|ropinirole|
  quetiapine|olanzapine|lithium|venlafaxine|duloxetine|fluoxetine|beclometasone|budesonide|montelukast|carbocisteine|
  enoxaparin|dalteparin|ticagrelor|rosuvastatin|ezetimibe|nifedipine|felodipine|atenolol|propranolol|amiodarone|
  bumetanide|eplerenone|finasteride|solifenacin|mirabegron|oxybutynin|pioglitazone|liraglutide|carbimazole|
  hydrocortisone|dexamethasone|tocilizumab|rituximab|ustekinumab|vedolizumab|zoledronic acid|febuxostat|colchicine|
  memantine|rivastigmine|tramadol|buprenorphine|fentanyl patches|ferrous fumarate|folic acid|hydroxocobalamin`);

const SYMPTOM: Record<string, Slot> = {
  chest: S(`wheeze that was new|a hoarse voice for six weeks|unexplained raised inflammatory markers|shoulder pain and weight loss|a persistent chest wall ache|a persistent cough|haemoptysis|breathlessness on exertion|weight loss|chest pain|a chest infection that had not settled|
    hoarseness|recurrent pneumonia|night sweats|pleuritic pain|fatigue and a raised platelet count|finger clubbing|a fall with rib pain|
    an abnormal oxygen saturation|sudden breathlessness|tachycardia after surgery|calf swelling and breathlessness`),
  abdomen: S(`an incidental raised bilirubin|upper abdominal pain radiating to the back|unexplained anaemia|post-prandial pain|a change in stoma output|altered bowel habit|iron deficiency anaemia|right upper quadrant pain|abdominal pain|weight loss|jaundice|new-onset diabetes|
    loin pain|visible haematuria|abdominal distension|a palpable mass|rectal bleeding|early satiety|back pain and weight loss|
    deranged liver tests|vomiting|dyspepsia|a raised CA-125|nausea and reduced appetite`),
  head: S(`a sudden severe headache|blurred vision|facial numbness|recurrent falls|tinnitus on one side|headaches|confusion|a fall on an anticoagulant|new seizures|unilateral hearing loss|visual field loss|personality change|
    dizziness|a head injury|word-finding difficulty|reduced consciousness|morning vomiting|unsteadiness`),
  spine: S(`mid-back pain with weight loss|arm weakness|a change in walking|back pain|sciatica|leg weakness|bilateral leg numbness|neck pain with arm symptoms|night pain|saddle numbness|
    back pain with a history of cancer|reduced mobility|thoracic back pain|urinary retention`),
  breast: S(`no symptoms at routine screening|a breast lump|nipple inversion|skin tethering|breast pain|a family history of breast cancer|
    an axillary lump|nipple discharge`),
  pelvis: S(`frequency and urgency|haematuria|a pelvic mass on examination|postmenopausal bleeding|pelvic pain|a raised PSA|bloating|urinary symptoms|hip pain after a fall|groin pain|
    a limp|bone pain|irregular bleeding`),
  neck: S(`a lump under the jaw|a rapidly growing swelling|a neck lump|difficulty swallowing|a thyroid swelling|hoarseness|food sticking|a cough when drinking|weight loss`),
  vascular: S(`a swollen calf|tearing chest pain|a pulsatile mass|leg pain|a groin lump|back pain with hypotension`),
  lower_limb: S(`a painful swelling after minor trauma|a non-healing wound|knee pain|an ankle injury|a swelling in the thigh|night pain in the leg|a limp|foot pain after a twisting injury|
    a painless lump`),
  upper_limb: S(`a fall on an outstretched hand|shoulder pain after a seizure|wrist pain|a swollen elbow|arm pain at night`),
  whole_body: S(`restaging after treatment|a rising tumour marker|bone pain|staging of a new cancer|follow-up after surgery`),
};

const REFERRER: Record<string, Slot> = {
  gp: S('the referring GP|the GP practice|a GP registrar|the practice duty doctor|a salaried GP|an advanced nurse practitioner in primary care|a locum GP'),
  ed: S('the emergency department|the ED registrar|an emergency nurse practitioner|the acute medical team|the same-day emergency care unit|an emergency medicine consultant'),
  inpatient: S('the admitting medical team|the surgical team|the ward team|the orthogeriatric team|the respiratory ward|the acute oncology service|the critical care team'),
  outpatient: S(`the respiratory clinic|the urology clinic|the colorectal team|the orthopaedic clinic|the rheumatology clinic|
    the gastroenterology clinic|the neurology clinic|the gynaecology clinic|the endocrine clinic|the ENT clinic|the haematology clinic|
    the breast clinic|the cardiology clinic|the oncology team|the spinal surgeons|the vascular surgeons|the pain clinic|the memory clinic`),
  screening: S('the breast screening programme|the screening unit|the bowel screening programme'),
};

const REPORTER = S(`a consultant radiologist|a specialty registrar|a reporting radiographer|a locum consultant|an outsourced radiologist|
  a teleradiology provider|a consultant with a special interest|a first-year registrar on call|an advanced practitioner sonographer|
  a consultant sonographer|a general radiologist covering the list|a radiology fellow|a visiting consultant|an insourced reporting team`);

const SYSTEM = S(`the electronic patient record|the results inbox|the order communications system|the radiology information system|
  the PACS worklist|the GP clinical system|the alerts module|the outpatient letter system|the tracking spreadsheet|the cancer tracking list|
  the document management system|the shared care record|the paper request book`);

const DISCOVERY = S(`when the patient re-presented with worsening symptoms|at a later unrelated scan|when the patient's family asked for an update|
  during an audit of unacknowledged alerts|when a different clinician reviewed the notes|at the multidisciplinary team meeting|
  when a GP reviewed the medication list|during a complaint investigation|when the patient was admitted as an emergency|
  at a routine outpatient review|when a radiographer noticed the earlier report|during a coding review|
  when the patient asked at a pharmacy review why nothing had happened|at the annual review|during a look-back exercise|
  when a trainee presented the case for teaching|when the second scan was compared with the first|
  when the patient attended the emergency department with a complication|when a pharmacist queried a prescription|
  when the practice ran a search for unactioned results|when the cancer navigator reconciled the tracking list|
  at a preoperative assessment for an unrelated operation|when an insurance medical report was requested|
  when the patient moved to a new practice and notes were summarised|during preparation for an inquest|
  when a student radiographer asked about the earlier study|during validation of the waiting list`);

const SYSTEMIC = S(`the alert relied on a single email to a generic inbox|the referrer had no protected time to review results|
  results were acknowledged in bulk at the end of a clinic|the reporting template had no field for incidental findings|
  there were two vacant consultant posts and a reliance on locums|the overflow contract had no turnaround clause that was monitored|
  the fail-safe officer post had been vacant for several months|the electronic requesting system allowed a request without a named consultant|
  the worklist sorted by date rather than by urgency|the trust had two systems that did not share acknowledgement status|
  administrative staff were covering three roles|no audit of unacknowledged reports had been run for over a year|
  the discharge summary did not carry the pending result|the clinic letter was dictated before the report was available|
  a migration to new software had reset user worklists|the department had no standard operating procedure for incidental findings|
  the outsourcing company had a backlog of several hundred studies|the reporting backlog was not visible on any dashboard|
  locum referrers were not set up on the results system|the recommendation was in free text and not coded|
  handover between the day and night teams was verbal only|staff did not know who owned the tracking list|
  the booking team could not see the recommendation on the report|the system marked a report as read when it was opened|
  radiology had no way to confirm that an alert had been received|vetting was done by whoever was free, without a rota|
  sickness in the secretarial team left letters untyped|the department relied on a paper diary for follow-up|
  the report went to a clinician who had rotated to another hospital|previous learning had been shared only by email|
  the PACS outage procedure had not been tested|the scanner was out of action for a week|
  the request card did not show the clinical question|the patient's contact details were out of date|
  the reporting radiologist was covering two sites remotely|the trust's policy did not say who should act on incidental findings|
  the alert email went to an address that was no longer monitored|the electronic requesting system was down and paper requests were used|
  no one checked the outsourcing provider's returns against what had been sent|the results system showed only the first lines of the report|
  incidental findings were not covered by the trust's results policy|the GP practice had no process for results addressed to a departed partner|
  reporting of this examination was not covered by the job plans|the department had not adopted the national alert categories|
  the standard operating procedure was out of date and referred to a retired system|the scanner's images were sent to a test archive by mistake|
  the vetting radiologist could not see the full clinical history|follow-up requests were rejected by the booking system without a message|
  the nodule tracking database was maintained by one enthusiastic individual|commissioners had not funded a results-management system|the trust's policy predated the national alert recommendations|inter-trust image sharing required manual requests by telephone|duplicate requests cancelled each other automatically|the booking system could not record a requested interval`);

const CONSEQUENCE: Record<string, Slot> = {
  no: S(`no harm resulted because the finding was picked up at the next appointment|the patient came to no harm|
    the finding was acted on before any clinical impact|no harm was identified, though the risk was significant|
    the delay did not change management|the discrepancy did not change the treatment plan`),
  low: S(`the patient needed an extra appointment and was anxious|the patient's treatment was delayed by a few weeks without lasting effect|
    the patient had to repeat the scan|the patient was inconvenienced and distressed by the wait|
    the patient lost confidence in the service|a short admission was needed but no lasting harm followed`),
  moderate: S(`the diagnosis was delayed by several months and treatment was more extensive|the patient needed surgery that earlier action might have avoided|
    the stage at diagnosis was higher than it would have been|the patient needed an unplanned admission|
    the patient had a prolonged recovery|the delay caused significant psychological distress`),
  severe: S(`the cancer had spread by the time it was diagnosed and treatment became palliative|the patient was left with permanent weakness|
    the patient lost the chance of curative surgery|the patient suffered a permanent disability|the patient needed major emergency surgery`),
  fatal: S(`the patient died, and the investigation concluded that earlier action would probably have changed the outcome|
    the patient died some months later of the condition|the patient died before treatment could start|
    the coroner found that the missed communication contributed to the death`),
};

const SOURCE_OPENING: Record<string, Slot> = {
  incident: S(`a radiographer reported this as a patient safety incident|ward staff reported the incident on LFPSE|
    a radiologist raised an incident after noticing the earlier report|referring clinicians reported the incident|
    an imaging governance lead logged the incident|a fail-safe officer raised an incident|
    a sonographer reported the incident after a second attendance|cancer trackers reported the incident`),
  local_complaint: S(`the patient complained in writing|a relative complained on the patient's behalf|the patient raised concerns through PALS|
    family members made a formal complaint|the patient wrote to the chief executive|the patient's advocate submitted a complaint|
    a complaint came through primary care`),
  real: S(`the case was brought to the REAL meeting|a discrepancy was submitted for the departmental learning meeting|
    the case was selected for discussion at the discrepancy meeting|a reporter submitted the case to the REAL meeting after a later scan|
    the case was raised at the REAL meeting by the multidisciplinary team radiologist`),
  phso: S(`the Ombudsman upheld a complaint about this case|the PHSO investigated the complaint and upheld it|
    the Parliamentary and Health Service Ombudsman upheld the complaint in part|the complaint reached the Ombudsman after local resolution failed`),
  hssib_coroner_claim: S(`the case was the subject of an inquest|a clinical negligence claim was received|the coroner requested a statement from the department|
    HSSIB reviewed the case as part of a national investigation|a prevention of future deaths report was issued|
    the case was notified to NHS Resolution as a claim`),
  other: S(`the case came to light through a clinical audit|the case was found during a look-back review|the case was raised by a commissioner|
    the case was identified through a morbidity and mortality meeting|an external peer review flagged the case`),
};

const COMPLAINT_CONCERN = S(`nobody told them the result for months|they had been reassured that the scan was normal|
  they had to chase the result repeatedly|they were given conflicting information by different teams|
  they felt the trust was not honest about what went wrong|the letter they received used jargon they did not understand|
  they learned of the finding from a different hospital|the apology came late and felt generic|
  they were passed between departments|they were never told that the report had been delayed|
  they believed the cancer would have been caught earlier|they waited weeks for a call back that never came|
  the clinic letter said the scan was clear|their own reading of the report online had frightened them|
  they had asked twice whether the scan had been looked at|they received the appointment for the follow-up after the treatment had started|
  no one could tell them who was responsible for the result|they felt dismissed when they raised concerns|
  the hospital and the practice each blamed the other|
  the patient needed chemotherapy that an earlier diagnosis might have spared them|the patient required a stoma that may have been avoidable|recovery took months of physiotherapy|the patient developed a complication needing readmission|
  the patient now needs long-term ventilation at night|the patient lost the sight in one eye|the patient now uses a wheelchair|the patient requires lifelong dialysis|
  a later scan showed no progression|the finding proved benign on follow-up|the omission was caught by a vigilant secretary|
  the patient required an additional biopsy|the patient took unplanned sick leave|the patient's surgery was rescheduled`);

const ALERT_ROUTE = S(`by phone to the ward|through the electronic alert flag|by secure email to the referrer|by phone to the on-call registrar|
  through the results system with an urgent flag|by a letter to the GP practice|through the cancer pathway navigator|
  by the fail-safe office|by a message to the team's shared inbox`);

export const LEARNING: Record<string, Slot> = {
  T1: S(`unexpected significant findings need an alert in line with the national recommendations, not just a mention in the body of the report|
    the conclusion should carry every finding that needs action, with a clear recommendation|
    reporters should use the agreed alert categories and record who the alert went to|
    comparison with previous imaging should be recorded in every report|
    discrepancy learning should reach all reporters, including locums and outsourced radiologists|
    report wording should say what should happen next, not leave it to the reader|
    templates for high-volume examinations now include a prompt for incidental findings|
    search patterns for the review areas on this examination have been added to the induction pack`),
  T2: S(`every alert needs a named responsible clinician and an audited acknowledgement|
    follow-up recommendations must be booked or explicitly declined, and tracked until closed|
    results must not be filed until the action is recorded|
    handover documents should list pending and abnormal results|
    patients should be told of significant findings and what happens next|
    when a referrer leaves, their results inbox must be reassigned|
    the fail-safe system should track every recommendation to completion|
    reports sent to primary care should say clearly what action is requested and by whom`),
  T3: S(`reporting turnaround should be monitored against the expected timeframes and escalated when breached|
    outsourced reports need a monitored turnaround clause and a route for urgent studies|
    the backlog should be visible on a dashboard reviewed weekly|
    urgent requests need a clear flag that survives vetting and booking|
    a tested downtime procedure is needed for PACS and RIS outages|
    unverified reports should be escalated after an agreed time|
    vetting needs a rota so that no request waits without an owner`),
  T4: S(`actions from earlier reviews must have an owner and a due date, and be checked until done|
    learning should be shared across sites, not only within the department where it happened|
    recurrences should be linked so that patterns are visible at the quarterly review|
    the department should recognise and report what went wrong, even when a complaint does not say so`),
};

// Extra detail sentences. They carry most of the rare words, which is what real case write-ups
// look like: a few stock phrases and a long tail of clinical, technical and organisational terms.

const DRUG_MORE = S(`ramipril and bisoprolol|edoxaban after a recent cardioversion|long-term steroids|oral chemotherapy|
  capecitabine|imatinib|osimertinib|pembrolizumab|nivolumab|trastuzumab|palbociclib|abemaciclib|lenalidomide|bortezomib|
  ibrutinib|apalutamide|darolutamide|degarelix|cabergoline|bromocriptine|somatostatin analogues|octreotide|lanreotide|
  mycophenolate|tacrolimus|ciclosporin|sirolimus|everolimus|baricitinib|tofacitinib|upadacitinib|secukinumab|ixekizumab|
  guselkumab|risankizumab|certolizumab|golimumab|abatacept|belimumab|anakinra|teriflunomide|dimethyl fumarate|ocrelizumab|
  natalizumab|fingolimod|riluzole|pyridostigmine|baclofen|tizanidine|dantrolene|clozapine|haloperidol|depot antipsychotics|
  methadone|naltrexone|disulfiram|acamprosate|thiamine|pabrinex|rifaximin|ursodeoxycholic acid|creon|pancreatic enzymes|
  tenofovir|entecavir|dolutegravir|emtricitabine|sofosbuvir|isoniazid|rifampicin|ethambutol|pyrazinamide|nitrofurantoin|
  trimethoprim|doxycycline|co-amoxiclav|clarithromycin|azithromycin prophylaxis|fluconazole|voriconazole|itraconazole|
  sacubitril with valsartan|ivabradine|ranolazine|nicorandil|isosorbide mononitrate|hydralazine|moxonidine|minoxidil|
  prasugrel|cilostazol|naftidrofuryl|pentoxifylline|tranexamic acid|epoetin|darbepoetin|sevelamer|calcitriol|cinacalcet|
  alfacalcidol|desmopressin|fludrocortisone|testosterone gel|hormone replacement therapy|the combined pill|medroxyprogesterone|
  raloxifene|teriparatide|romosozumab|strontium ranelate|home oxygen|nebulised saline|roflumilast|azithromycin|pirfenidone|nintedanib|
    double reporting of high-risk examinations catches some perceptual errors, though it costs reporting capacity|radiographer commenting and preliminary clinical evaluation can flag abnormalities earlier|structured reporting with a mandatory impression section reduces buried findings|
    primary and secondary care need a shared protocol naming who actions incidental findings|acknowledgement audits should be reported monthly to the governance committee|safety-netting advice should tell patients when to expect their results and whom to contact|
    capacity planning should model reporting demand separately from scanning demand|outsourcing contracts should include penalties, reconciliation and real-time visibility of queues|insourcing and weekend reporting sessions can relieve backlogs temporarily but need sustainable funding|
    themes from complaints, incidents and discrepancy meetings should be triangulated at least quarterly|learning summaries should reach locums, trainees and outsourced reporters as well as permanent staff`);

const PATIENT_CONTEXT = S(`the patient lives alone|the patient is a carer for their partner|the patient needed an interpreter for Polish|
  the patient needed an interpreter for Urdu|the patient needed an interpreter for Punjabi|the patient needed an interpreter for Romanian|
  the patient needed an interpreter for Bengali|the patient needed an interpreter for Somali|the patient needed an interpreter for Arabic|
  the patient needed an interpreter for Portuguese|the patient needed an interpreter for Tigrinya|the patient needed an interpreter for Farsi|
  the patient needed an interpreter for Lithuanian|the patient needed an interpreter for Gujarati|the patient needed an interpreter for Cantonese|
  the patient needed an interpreter for Kurdish|the patient needed an interpreter for Pashto|the patient needed an interpreter for Tamil|
  the patient uses British Sign Language|the patient has a visual impairment and cannot read standard letters|
  the patient works shifts and missed calls from the department|the patient was abroad when the result was issued|
  the patient had moved house and changed practice|the patient lives in supported accommodation|the patient was homeless at the time|
  the patient has a lasting power of attorney held by a relative|the patient has anxiety about hospitals and attends rarely|
  the patient was registered with a practice that later merged|the patient was a temporary resident|
  the patient has a learning disability and a hospital passport|the patient has severe claustrophobia|
  the patient had recently been bereaved|the patient has no mobile phone|
  the patient lives in a rural area with limited transport|the patient was recovering from a hip replacement|
  the patient was pregnant at the time of the scan|the patient relies on a relative to open letters|
  the patient has dyslexia and prefers telephone contact|the patient is a student living away from home during term|the patient has autism and finds hospital visits overwhelming|the patient was caring for grandchildren full time|the patient was housebound and relied on district nurses|the patient spoke limited English and declined an interpreter`);



const WORKLOAD = S(`the reporter was in the tenth hour of a twelve-hour shift|the list held over ninety studies|
  the session was interrupted repeatedly by telephone calls|the reporting workstation had a faulty monitor|
  voice recognition changed "no" to "new" in the draft|voice recognition dropped the word "not"|
  the reporter was covering a colleague's session as well as their own|the on-call period included a major trauma call|
  the report was verified in a batch of sixty at the end of the day|the reporter had returned from leave the same morning|
  a locum unfamiliar with local pathways was covering|the reporting room was shared with a busy teaching session|
  the reporter was a trainee working without immediate consultant support|the trust was on its highest escalation level that week|
  the department was short of three radiographers that day|the sonographer was working through lunch to clear the list|
  two reporters were off sick|the rota had a gap that was filled by an outsourcing company at short notice|
  the secretary covering the letters was new to the role|the clinic was overbooked by a third|
  the referrer had forty results to review after a week of annual leave|industrial action had reduced clinic capacity`);

const INVESTIGATION = S(`an after-action review|a patient safety incident investigation under PSIRF|a swarm huddle|a thematic review|
  a structured judgement review|a timeline mapped from the audit trail|interviews with the staff involved|a learning response panel|
  a review of the RIS and PACS audit logs|a fishbone analysis|a joint review with primary care|a cross-site learning event|
  a review by an external radiologist|a systems engineering review|a discrepancy review with the original reporter|
  a desktop review of the records|a round-table meeting with the family`);

const ACTION = S(`add a mandatory acknowledgement step to the results system|audit unacknowledged alerts every month|
  recruit a fail-safe officer|re-issue the incidental findings policy to all referrers|introduce double reading for this examination|
  add a coded recommendation field to the reporting template|share the case anonymously at the regional REAL meeting|
  monitor outsourced turnaround weekly against the contract|set up an escalation route for unreported urgent studies|
  add pending results to the discharge summary template|reassign results inboxes when staff leave|
  publish a dashboard of reporting backlog by modality|train booking staff to recognise follow-up recommendations|
  write to the patient with an apology and an explanation|add the case to the induction programme for new reporters|
  review vetting rotas so that every request has an owner|test the PACS downtime procedure every quarter|
  agree with primary care who acts on incidental findings|add a safety-netting prompt to clinic letters|
  introduce a cancer alert pathway with a named navigator|check contact details at every attendance|
  give reporters protected time to attend learning meetings|add a second check before results are filed|
  track every follow-up recommendation on the fail-safe list|review staffing of the reporting service with the board|
  introduce structured handover for pending results|update the outsourcing specification to include urgent turnaround|
  ask the software supplier to stop marking reports as read on opening|run a look-back of similar reports from the same period`);

const IMPACT = S(`the patient described months of worry|the patient said they no longer trust results letters|
  the family felt they had been left to find out for themselves|the patient had to give up driving|
  the patient lost income while waiting for treatment|the patient missed a family event because of unplanned surgery|
  the patient's partner took time off work to chase appointments|the patient now asks for copies of every report|
  the patient said the apology mattered more than the explanation|the patient asked that the learning be shared|
  the family wanted to be sure it would not happen to anyone else|the patient said the waiting was worse than the diagnosis`);

const TREATMENT: Record<string, string[]> = {
  'lung cancer': ['a lobectomy', 'stereotactic radiotherapy', 'chemo-immunotherapy', 'palliative radiotherapy'],
  'renal cell carcinoma': ['a radical nephrectomy', 'a partial nephrectomy', 'cryoablation', 'systemic therapy with tyrosine kinase inhibitors'],
  'pancreatic cancer': ['a pancreaticoduodenectomy', 'neoadjuvant chemotherapy', 'biliary stenting and palliative chemotherapy'],
  'breast cancer': ['a wide local excision', 'a mastectomy with axillary clearance', 'neoadjuvant chemotherapy', 'endocrine therapy'],
  'ovarian cancer': ['cytoreductive surgery', 'carboplatin-based chemotherapy', 'a total abdominal hysterectomy'],
  'prostate cancer': ['radical radiotherapy with hormone therapy', 'a radical prostatectomy', 'androgen deprivation therapy'],
  'metastatic prostate cancer': ['androgen deprivation therapy', 'docetaxel', 'radium-223'],
  'thyroid cancer': ['a total thyroidectomy', 'radioiodine ablation'],
  'oesophageal cancer': ['an oesophagectomy', 'definitive chemoradiotherapy', 'an oesophageal stent'],
  'gastric cancer': ['a gastrectomy', 'perioperative chemotherapy'],
  lymphoma: ['combination chemotherapy', 'involved-site radiotherapy'],
  'metastatic disease': ['palliative radiotherapy', 'systemic therapy', 'a prophylactic fixation'],
  'metastatic cancer': ['surgical decompression', 'palliative radiotherapy'],
  'metastatic cord compression': ['emergency decompression', 'urgent radiotherapy'],
  'high-grade glioma': ['a craniotomy and resection', 'radiotherapy with temozolomide'],
  glioma: ['an awake craniotomy', 'radiotherapy with temozolomide'],
  'expanding subdural haematoma': ['burr-hole drainage', 'a craniotomy'],
  'obstructive hydrocephalus': ['an external ventricular drain', 'a ventriculoperitoneal shunt'],
  'pulmonary embolism': ['thrombolysis', 'anticoagulation', 'catheter-directed thrombectomy'],
  'aortic dissection': ['emergency aortic repair', 'thoracic endovascular repair'],
  'aortic aneurysm rupture': ['emergency open repair', 'endovascular aneurysm repair'],
  'displaced hip fracture': ['a hemiarthroplasty', 'a total hip replacement'],
  'scaphoid non-union': ['open reduction and bone grafting'],
  'fracture non-union': ['revision fixation', 'a bone graft'],
  'bone sarcoma': ['limb-sparing surgery', 'an amputation', 'neoadjuvant chemotherapy'],
  'soft tissue sarcoma': ['a wide excision', 'preoperative radiotherapy'],
  myeloma: ['induction chemotherapy', 'an autologous stem cell transplant'],
  'subarachnoid haemorrhage': ['endovascular coiling', 'surgical clipping'],
  'bladder cancer': ['a transurethral resection', 'a cystectomy', 'intravesical BCG'],
  'endometrial cancer': ['a total laparoscopic hysterectomy', 'vaginal brachytherapy'],
  'hepatocellular carcinoma': ['radiofrequency ablation', 'transarterial chemoembolisation', 'a liver resection'],
  tuberculosis: ['six months of quadruple antituberculous therapy', 'contact tracing and prolonged treatment'],
  mesothelioma: ['a pleurectomy', 'an indwelling pleural catheter and chemotherapy'],
  'adrenal carcinoma': ['an adrenalectomy', 'adjuvant mitotane'],
  'enlarging meningioma': ['a skull-base craniotomy', 'stereotactic radiosurgery'],
  'nerve sheath tumour': ['a laminectomy and excision', 'foraminal decompression'],
  'gallbladder cancer': ['an extended cholecystectomy', 'a segmental liver resection'],
  'vestibular schwannoma': ['translabyrinthine resection', 'gamma knife radiosurgery'],
  'pituitary macroadenoma': ['transsphenoidal surgery', 'hormone replacement after surgery'],
  'slipped upper femoral epiphysis': ['in situ pinning', 'a corrective osteotomy'],
  'missed shoulder dislocation': ['an open reduction', 'a shoulder arthroplasty'],
  'recurrent cancer': ['salvage surgery', 'second-line chemotherapy'],
  'second primary cancer': ['a second operation', 'adjuvant chemotherapy'],
  'aspiration pneumonia': ['intravenous antibiotics and a feeding tube', 'a percutaneous gastrostomy'],
  'metastatic adenocarcinoma': ['palliative chemotherapy', 'best supportive care'],
  haemorrhage: ['embolisation', 'a transfusion of several units'],
  'bowel perforation': ['a laparotomy', "a Hartmann's procedure"],
  'tension pneumothorax': ['needle decompression and a chest drain', 'video-assisted thoracoscopic surgery'],
  'colorectal cancer': ['an anterior resection', 'a right hemicolectomy', 'a defunctioning stoma', 'neoadjuvant chemoradiotherapy'],
};
const treatment = (disease: string, r: Rng) => any(r, TREATMENT[disease] ?? ['further surgery', 'a longer course of treatment', 'a second operation']);


const VENUE = S(`the main radiology department|a community diagnostic centre|a mobile scanner on the hospital car park|an independent sector provider|
  the satellite unit|the urgent treatment centre|the minor injuries unit|the breast unit|the cancer centre|the interventional suite|
  the children's imaging unit|a health centre with a visiting sonographer|the fracture clinic|the day surgery unit|
  a scanner shared with a neighbouring trust|the emergency department's own CT scanner|the maternity unit|a rapid diagnostic centre`);



const CANDOUR = S(`duty of candour was met, with a meeting and a written apology|a duty of candour letter was sent several months late|
  duty of candour was not followed until the complaint was escalated|the family were offered a meeting with the clinical director|
  the patient received a written apology and a copy of the findings|the patient declined a meeting but asked for the report|
  the apology was made by phone and followed up in writing|the patient was invited to help shape the actions`);

const RESPONSE = S(`the first response letter denied any failing|local resolution took longer than the trust's own standard|
  the trust offered a meeting that the family found defensive|the response did not explain why the report was not acted on|
  the response relied on the radiology report without reviewing the referral pathway|the trust apologised and agreed actions at the first meeting|
  the response was delayed by staff absence|the family were given conflicting accounts of what had happened`);





const CIRCUMSTANCE = S(`during the winter surge|over a bank holiday weekend|during a heatwave that closed a scanner room|during a cyber incident that took systems offline|
  during the first weeks of a new electronic patient record|while the department moved to a new building|during industrial action|
  during the recovery of the pandemic backlog|in the week a new outsourcing contract began|while the PACS was being replaced|
  during an outbreak that closed two wards|when a snow week reduced staffing|during the annual changeover of trainees|
  during a merger of two pathology and radiology networks|while the fail-safe office was being restructured`);

const SUPPORT = S(`a team debrief|a Schwartz round on the theme of the case|peer support from a trained colleague|an occupational health referral|
  restorative supervision|a session with a professional nurse advocate|time off the reporting rota|a meeting with their educational supervisor|
  reflective practice time in their job plan|support from the wellbeing service`);

/** Outpatient referrers by body area: the urology clinic does not request mammograms. */
const CLINIC: Record<string, Slot> = {
  chest: S('the respiratory clinic|the lung cancer rapid access clinic|the thoracic surgeons|the cardiology clinic|the oncology team|the infectious diseases clinic|the transplant team'),
  abdomen: S('the colorectal team|the gastroenterology clinic|the urology clinic|the hepatobiliary team|the upper gastrointestinal team|the renal clinic|the bariatric service|the diabetes clinic'),
  pelvis: S('the gynaecology clinic|the urology clinic|the orthopaedic clinic|the sexual health service|the metabolic bone clinic'),
  head: S('the neurology clinic|the ENT clinic|the endocrine clinic|the memory clinic|the ophthalmology clinic|the falls clinic'),
  spine: S('the spinal surgeons|the pain clinic|the orthopaedic clinic|the rheumatology clinic|the rehabilitation team'),
  breast: S('the breast clinic|the family history clinic|the plastic surgery team'),
  neck: S('the ENT clinic|the endocrine clinic|the maxillofacial clinic|the dermatology clinic'),
  vascular: S('the vascular surgeons|the cardiology clinic|the lymphoedema service|the haematology clinic'),
  lower_limb: S('the orthopaedic clinic|the rheumatology clinic|the sports medicine clinic|the sarcoma service|the frailty service'),
  upper_limb: S('the orthopaedic clinic|the hand surgery clinic|the rheumatology clinic|the sports medicine clinic'),
  whole_body: S('the oncology team|the haematology clinic|the acute oncology clinic|the palliative care team|the teenage and young adult cancer service'),
};


/** The clinical question on the request, by body area: casework quotes it because it shapes what the reporter looked for. */
const QUESTION: Record<string, Slot> = {
  chest: S(`pneumonia|infection|malignancy|heart failure|pneumothorax|effusion|sarcoidosis|tuberculosis|bronchiectasis|empyema|lung abscess|
    pulmonary fibrosis|asbestosis|silicosis|aspergilloma|vasculitis|rib fracture|aspiration|atelectasis|pulmonary oedema|foreign body|
    hypersensitivity pneumonitis|organising pneumonia|pulmonary embolism|aortic dissection|lymphangitis`),
  abdomen: S(`cholecystitis|biliary colic|appendicitis|diverticulitis|pancreatitis|bowel obstruction|perforation|colitis|renal colic|
    pyelonephritis|hepatitis|cirrhosis|ascites|malignancy|abscess|hernia|mesenteric ischaemia|volvulus|intussusception|coeliac disease|
    inflammatory bowel disease|gallstones|fatty liver|splenomegaly|lymphoma|obstructive jaundice`),
  head: S(`stroke|haemorrhage|tumour|hydrocephalus|demyelination|encephalitis|abscess|venous sinus thrombosis|normal pressure hydrocephalus|
    dementia|trauma|skull fracture|acoustic neuroma|pituitary adenoma|raised intracranial pressure|migraine|transient ischaemic attack`),
  spine: S(`disc prolapse|cauda equina syndrome|discitis|metastases|spinal stenosis|fracture|myelopathy|radiculopathy|spondylolisthesis|
    osteoporotic collapse|epidural abscess|demyelination|ankylosing spondylitis`),
  breast: S(`malignancy|cyst|fibroadenoma|abscess|fat necrosis|implant rupture|duct ectasia|mastitis`),
  pelvis: S(`ovarian cyst|endometriosis|fibroids|ectopic pregnancy|prostate cancer|hip fracture|avascular necrosis|septic arthritis|
    pelvic inflammatory disease|bladder tumour|endometrial hyperplasia|osteoarthritis`),
  neck: S(`thyroid nodule|lymphadenopathy|salivary stone|branchial cyst|abscess|goitre|pharyngeal pouch|achalasia|stricture|parathyroid adenoma`),
  vascular: S(`deep vein thrombosis|aneurysm|dissection|peripheral arterial disease|ischaemia|pseudoaneurysm|vasculitis`),
  lower_limb: S(`fracture|osteomyelitis|stress fracture|meniscal tear|ligament injury|bone tumour|gout|septic arthritis|Baker's cyst|haematoma`),
  upper_limb: S(`fracture|dislocation|scaphoid fracture|rotator cuff tear|foreign body|osteomyelitis|bone tumour|ganglion`),
  whole_body: S(`recurrence|metastases|response to treatment|unknown primary|lymphoma staging|myeloma|pyrexia of unknown origin`),
};




const ROLE = S(`the reporting radiologist|the referring clinician|a radiographer|the fail-safe officer|a booking clerk|a medical secretary|
  the PACS manager|the RIS administrator|the imaging service manager|a cancer nurse specialist|a clinical nurse specialist|
  a foundation doctor|a core trainee|a clinical fellow|a physician associate|an advanced clinical practitioner|an assistant practitioner|
  the patient safety partner|the medical examiner|the divisional governance lead|the outsourcing provider's clinical lead|
  a practice manager|a practice nurse|a pharmacist|a ward clerk|a discharge coordinator|the MDT coordinator|a sonographer|
  a mammography practitioner|the superintendent radiographer|the lead for radiology informatics|a patient liaison officer`);

const EVIDENCE = S(`the request form|the RIS audit trail|clinic letters|voice recognition logs|rota records|the email archive|telephone logs|
  the outsourcing contract|minutes of the REAL meeting|previous incident reports|the GP record|the discharge summary|observation charts|
  the imaging protocol|the vetting notes|the results acknowledgement report|the cancer tracking list|outpatient booking records|
  the alert log|the job plans of the reporters involved|training records|the incidental findings policy|interface error logs|
  the screening programme's failsafe reports|correspondence with the patient|the complaint file`);

const BIAS = S(`satisfaction of search|anchoring|framing bias|premature closure|inattentional blindness|a finding outside the area of interest|
  under-reading|an incomplete search pattern|alliterative error|prevalence effect|scout neglect|reliance on the previous report|
  faulty reasoning|a lack of specialist knowledge|interruption and task switching`);

const REVIEW_AREA = S(`behind the heart|at the lung apices|at the hila|below the diaphragm|in the bones|in the soft tissues|at the costophrenic angles|
  on the localiser images|at the edge of the field of view|in the upper abdomen on a chest study|in the lung bases on an abdominal study|
  in the thyroid on a neck study|in the adrenal glands|along the spine|in the breast tissue on a chest CT|in the orbits|in the sinuses`);

const IT_DETAIL = S(`an HL7 interface dropped the message|the order communications link had failed silently|the DICOM transfer queued without an error|
  the image exchange portal rejected the study|a middleware update changed the routing rules|the VPN to the reporting company failed|
  duplicate patient records split the history across two identities|the worklist filter hid studies with a missing referrer code|
  a software upgrade cleared saved worklists|the acknowledgement flag did not carry over between systems`);


const DRUG_RARE = S(`acenocoumarol|phenindione|fondaparinux|argatroban|bivalirudin|alteplase|tenecteplase|dipyridamole|flecainide|propafenone|
  sotalol|dronedarone|verapamil|diltiazem|labetalol|methyldopa|clonidine|aliskiren|eprosartan|olmesartan|telmisartan|trandolapril|
  quinapril|fosinopril|captopril|metolazone|chlorthalidone|amiloride|triamterene|acetazolamide|torasemide|glipizide|glimepiride|
  tolbutamide|repaglinide|nateglinide|acarbose|saxagliptin|vildagliptin|exenatide|lixisenatide|tirzepatide|insulin glargine|
  insulin degludec|insulin detemir|propylthiouracil|liothyronine|pasireotide|mitotane|metyrapone|ketoconazole|spironolactone cream|
  bicalutamide|flutamide|cyproterone|abiraterone|relugolix|triptorelin|histrelin|megestrol|fulvestrant|exemestane|ribociclib|
  olaparib|niraparib|rucaparib|lapatinib|neratinib|tucatinib|pertuzumab|bevacizumab|cetuximab|panitumumab|regorafenib|sorafenib|
  lenvatinib|cabozantinib|sunitinib|pazopanib|axitinib|atezolizumab|durvalumab|ipilimumab|cemiplimab|dostarlimab|alectinib|
  crizotinib|lorlatinib|brigatinib|dabrafenib|trametinib|vemurafenib|encorafenib|binimetinib|temozolomide|lomustine|procarbazine|
  hydroxycarbamide|anagrelide|ruxolitinib|imatinib|dasatinib|nilotinib|bosutinib|ponatinib|venetoclax|acalabrutinib|zanubrutinib|
  obinutuzumab|pomalidomide|thalidomide|carfilzomib|daratumumab|isatuximab|elotuzumab|melphalan|chlorambucil|bendamustine|
  fludarabine|cladribine|azacitidine|decitabine|cytarabine|mercaptopurine|thioguanine|leflunomide|penicillamine|ciclophosphamide|
  cyclophosphamide|mepolizumab|benralizumab|omalizumab|dupilumab|tezepelumab|ivacaftor|dornase alfa|colistimethate|tobramycin|
  aztreonam|bedaquiline|linezolid|moxifloxacin|levofloxacin|ciprofloxacin|metronidazole|vancomycin|teicoplanin|daptomycin|
  flucloxacillin|amoxicillin|phenoxymethylpenicillin|cefalexin|cefuroxime|ceftriaxone|meropenem|ertapenem|gentamicin|
  valaciclovir|aciclovir|oseltamivir|remdesivir|nirmatrelvir|hydroxyzine|promethazine|cyclizine|ondansetron|metoclopramide|
  domperidone|prochlorperazine|levomepromazine|midazolam|lorazepam|diazepam|clonazepam|zopiclone|zolpidem|melatonin|
  modafinil|methylphenidate|atomoxetine|lisdexamfetamine|guanfacine|varenicline|nicotine replacement|bupropion|naloxone`);

const COMORBIDITY_RARE = S(`amyloidosis|scleroderma|dermatomyositis|myasthenia gravis|Sjögren's syndrome|Ehlers-Danlos syndrome|Marfan syndrome|
  hereditary haemorrhagic telangiectasia|Fabry disease|Gaucher disease|Wilson's disease|alpha-1 antitrypsin deficiency|
  granulomatosis with polyangiitis|giant cell arteritis|Takayasu arteritis|Behçet's disease|familial Mediterranean fever|
  IgG4-related disease|Castleman disease|Erdheim-Chester disease|histiocytosis|mastocytosis|primary polycythaemia|essential thrombocythaemia|
  myelofibrosis|chronic lymphocytic leukaemia|monoclonal gammopathy|Waldenström macroglobulinaemia|hereditary spherocytosis|
  paroxysmal nocturnal haemoglobinuria|antiphospholipid syndrome|factor V Leiden|protein C deficiency|Addison's disease|
  Cushing's syndrome|acromegaly|hyperparathyroidism|multiple endocrine neoplasia|phaeochromocytoma|carcinoid syndrome|
  autoimmune hepatitis|Budd-Chiari syndrome|portal vein thrombosis|hepatopulmonary syndrome|Alport syndrome|IgA nephropathy|
  membranous nephropathy|focal segmental glomerulosclerosis|medullary sponge kidney|retroperitoneal fibrosis|
  Paget's disease of bone|osteogenesis imperfecta|fibrous dysplasia|achondroplasia|Huntington's disease|Friedreich's ataxia|
  myotonic dystrophy|Duchenne muscular dystrophy|spinal muscular atrophy|Guillain-Barré syndrome|chronic inflammatory demyelinating polyneuropathy|
  neuromyelitis optica|syringomyelia|Chiari malformation|idiopathic intracranial hypertension|narcolepsy|Tourette's syndrome|
  Turner syndrome|Klinefelter syndrome|Prader-Willi syndrome|Noonan syndrome|Williams syndrome|Fallot's tetralogy repaired in childhood|
  a Fontan circulation|Eisenmenger syndrome|hypertrophic cardiomyopathy|dilated cardiomyopathy|arrhythmogenic cardiomyopathy|
  constrictive pericarditis|endocarditis treated last year|rheumatic heart disease|lymphangioleiomyomatosis|pulmonary alveolar proteinosis|
  silicosis|coal workers' pneumoconiosis|berylliosis|extrinsic allergic alveolitis|allergic bronchopulmonary aspergillosis`);

const ANATOMY: Record<string, Slot> = {
  chest: S(`thymus|azygo-oesophageal recess|pericardium|aortopulmonary window|carina|left main bronchus|bronchus intermedius|pulmonary trunk|
    sternum|manubrium|xiphisternum|costochondral junctions|axillae|thoracic inlet|paravertebral gutters|anterior mediastinum|oesophageal hiatus`),
  abdomen: S(`porta hepatis|falciform ligament|uncinate process|duodenum|jejunum|terminal ileum|caecum|appendix|mesentery|greater omentum|
    retroperitoneum|adrenal glands|splenic hilum|gastro-oesophageal junction|psoas muscles|inguinal canals|abdominal wall`),
  head: S(`thalamus|basal ganglia|cerebellum|pons|medulla|hippocampi|corpus callosum|choroid plexus|pineal gland|hypothalamus|orbits|
    optic nerves|cavernous sinuses|mastoid air cells|petrous apices|cochleae|clivus|foramen magnum|paranasal sinuses`),
  spine: S(`conus medullaris|cauda equina|sacroiliac joints|facet joints|pedicles|neural foramina|paraspinal muscles|prevertebral soft tissues|
    craniocervical junction|coccyx|ligamentum flavum|intervertebral discs`),
  breast: S(`axillary tail|retroareolar region|inframammary fold|pectoralis muscle|internal mammary chain|axillary nodes|skin and nipple`),
  pelvis: S(`ureters|bladder base|ischiorectal fossae|obturator internus|
    sacrum|acetabula|pubic symphysis|iliac wings|femoral heads|gluteal muscles`),
  neck: S(`parotid glands|submandibular glands|tonsils|larynx|epiglottis|piriform fossae|trachea|carotid sheaths|supraclavicular fossae|
    parathyroid glands|vocal cords|retropharyngeal space`),
  vascular: S(`coeliac axis|superior mesenteric artery|renal arteries|iliac bifurcation|common femoral arteries|popliteal arteries|
    aortic arch|brachiocephalic veins|inferior vena cava|portal vein|saphenofemoral junction`),
  lower_limb: S(`talus|navicular|cuboid|cuneiforms|sesamoids|Achilles tendon|plantar fascia|patellar tendon|menisci|cruciate ligaments|
    tibial plafond|fibular head|quadriceps tendon|hamstring origins|gastrocnemius|soleus|peroneal tendons`),
  upper_limb: S(`hamate|pisiform|trapezium|lunate|triquetrum|capitate|olecranon|radial head|coracoid|glenoid|acromioclavicular joint|
    clavicle|rotator cuff|carpal tunnel|cubital tunnel|brachial plexus|distal radioulnar joint`),
  whole_body: S(`bone marrow|lymph node stations|skeleton|liver|adrenal glands|brain|subcutaneous tissues|peritoneum|pleura`),
};


const REAL_OUTCOME = S(`the meeting graded the discrepancy as clinically significant|attendees agreed the finding was visible but subtle|
  most attendees identified the abnormality on a blinded first look|the group debated whether the finding was reportable at the time|
  the original reporter presented the case and reflected on it openly|a teaching file entry was created with annotated key images|
  the meeting recommended a departmental search-pattern refresher|the case was anonymised and forwarded to the regional network|
  the discrepancy was judged a reasonable variation in practice|attendees noted that windowing settings hid the abnormality|
  the case prompted a calibration exercise among musculoskeletal reporters|the chair summarised three learning points circulated afterwards`);

const BACKLOG = S(`several thousand plain films awaited reporting|the computed tomography queue exceeded its weekly capacity|
  magnetic resonance studies were waiting longer than ultrasound|the backlog had tripled since the previous summer|
  weekend insourcing had stopped when funding ended|the provider's dashboard showed green while studies sat unsent|
  nobody reconciled sent and returned studies|validation of the waiting list had not happened for months|
  turnaround reports were produced quarterly, too late to act on|escalation thresholds existed on paper but were never triggered`);



const SUPPORT_MORE = S(`bereavement support|a named family liaison contact|a copy of the investigation report|signposting to advocacy services|
  an independent complaints advocate|a meeting with the medical director|psychological support through the cancer centre`);

/** Technical circumstances, by modality: a mammogram has no localiser and an X-ray no contrast phase. */
const TECHNIQUE: Record<string, Slot> = {
  ct: S(`contrast was omitted because of reduced renal function|the study was a single-phase portal venous examination|the scan was limited by body habitus|
    the images were acquired on the older scanner with thicker slices|the field of view cut off the lung bases|the arterial phase was mistimed|
    the localiser images included the kidneys but were not reviewed|the study was acquired with a low-dose protocol|the images were degraded by motion artefact|
    the examination was done on the mobile scanner at the community diagnostic centre|the protocol was changed at vetting without a note of why`),
  mri: S(`the images were degraded by motion artefact|the sequences stopped short of the conus|the scan was done under sedation|
    a gadolinium-based agent was given after a renal function check|the localiser images showed the abnormality but were not reviewed|
    the patient could tolerate only half of the protocol because of claustrophobia|the protocol was changed at vetting without a note of why`),
  us: S(`the sonographer's worksheet recorded the finding but the typed report did not|the cine loops were not archived|
    the scan was limited by body habitus and bowel gas|only static images were stored, so the finding could not be reviewed later|
    the examination was done by a visiting sonographer at a health centre`),
  xr: S(`the lateral projection was rotated|the examination was repeated because of breathing artefact|the image was underpenetrated|
    the radiographer's comment on the request was not seen by the reporter|the images were viewed on a non-diagnostic ward screen|
    a mobile radiograph was taken on the ward with the patient semi-erect`),
  other: S(`the images were imported from another trust on a disc|the comparison study was stored on a different archive|
    the study was reported on a laptop at home without diagnostic monitors|the radiographer's comment on the request was not seen by the reporter`),
};

/** Appearance words by modality, so that ultrasound is echoic and CT attenuating. */
const MORPHOLOGY: Record<string, Slot> = {
  general: S(`spiculated|lobulated|irregular|ill-defined|heterogeneous|infiltrative|solid|part-solid|nodular|expansile|septated|multiloculated|exophytic`),
  ct: S(`hypoattenuating|hyperattenuating|hypervascular|hypovascular|rim-enhancing|centrally necrotic|fat-containing|calcified|cavitating`),
  mri: S(`hyperintense on T2|hypointense on T1|ring-enhancing|diffusion-restricting|centrally necrotic|avidly enhancing`),
  us: S(`hypoechoic|hyperechoic|isoechoic|complex cystic|taller-than-wide|microlobulated`),
  xr: S(`lytic|sclerotic|permeative|moth-eaten|ill-defined|lobulated`),
};
const FEATURE: Record<string, Slot> = {
  chest: S(`a pleural tail|satellite nodules|air bronchograms|a feeding vessel|a halo of ground glass|interval growth since the earlier study|cavitation|spiculated margins`),
  abdomen: S(`loss of the fat plane|encasement of the superior mesenteric artery|a double duct sign|washout on the delayed phase|upstream ductal dilatation|
    surrounding fat stranding|a claw sign|a central scar|capsular retraction|vessel encasement|perineural spread|internal vascularity on Doppler`),
  pelvis: S(`loss of the fat plane|extracapsular extension|restricted diffusion|an enhancing mural nodule|a thickened septum|surrounding fat stranding`),
  head: S(`a surrounding rim of oedema|a dural tail|restricted diffusion|mass effect|a whorled appearance|effacement of the sulci`),
  neck: S(`punctate calcification|extracapsular extension|internal vascularity on Doppler|an irregular margin|loss of the fatty hilum`),
  breast: S(`posterior acoustic shadowing|spiculated margins|associated skin thickening|an irregular margin|segmental calcification`),
  bone: S(`periosteal reaction|a wide zone of transition|a cortical breach|a soft tissue component|chondroid matrix|osteoid matrix|
    a sunburst periosteal pattern|an onion-skin periosteal pattern|bone marrow oedema|a pathological fracture line|cortical thinning|endosteal scalloping`),
};
const recommend = (x: Ctx) => (RECOMMENDATION[x.bodyArea] ?? RECOMMENDATION.whole_body!).pick(x.r);
const featureArea = (bodyArea: string) =>
  ['spine', 'upper_limb', 'lower_limb', 'whole_body'].includes(bodyArea) ? 'bone' : bodyArea === 'vascular' ? 'abdomen' : bodyArea;

/** What the report should have led to, by body area. */
const RECOMMENDATION: Record<string, Slot> = {
  chest: S(`a staging CT|a repeat chest X-ray in six weeks|urgent referral on the suspected cancer pathway|an interval CT in line with Fleischner guidance|
    respiratory clinic review|a PET-CT|tissue sampling|discussion at the multidisciplinary meeting|a surveillance scan in twelve months`),
  abdomen: S(`a dedicated renal protocol CT|a staging CT|colonoscopy|hepatology review with a liver MRI|urology referral|endocrine review and biochemical screening|
    urgent referral on the suspected cancer pathway|discussion at the multidisciplinary meeting|an outpatient ultrasound|vascular surgery review`),
  pelvis: S(`gynaecology referral with a CA-125|an MRI of the pelvis|urology referral for cystoscopy|an orthopaedic opinion|a bone scan|tissue sampling|
    urgent referral on the suspected cancer pathway`),
  head: S(`urgent neurosurgical referral|contrast-enhanced MRI|a repeat scan in three months|endocrine review and biochemical screening|neurology review`),
  spine: S(`contrast-enhanced MRI|a staging CT|haematology referral with a myeloma screen|urgent spinal surgical referral|a bone scan`),
  breast: S(`recall for further assessment|a repeat mammogram with magnification views|an ultrasound-guided core biopsy|breast clinic review`),
  neck: S(`thyroid fine-needle aspiration|ENT referral|a repeat ultrasound in six months|a staging CT`),
  vascular: S(`vascular surgery review|a Doppler study|anticoagulation and a repeat scan|a CT angiogram`),
  lower_limb: S(`an MRI of the limb|an orthopaedic opinion|urgent sarcoma referral|a repeat radiograph in two weeks|a CT to assess union`),
  upper_limb: S(`a repeat radiograph in ten to fourteen days|an MRI of the wrist|an orthopaedic opinion|fracture clinic review`),
  whole_body: S(`a PET-CT|tissue sampling|discussion at the multidisciplinary meeting|oncology review`),
};

/** Benign findings that crowd a report and can hide the one that matters, by body area. */
const INCIDENTAL: Record<string, Slot> = {
  chest: S(`a calcified granuloma|apical pleural thickening|old rib fractures|emphysema|mild bronchial wall thickening|a pericardial fat pad|
    coronary artery calcification|an azygos lobe|a cervical rib|a small hiatus hernia|a small pericardial effusion|atherosclerotic calcification`),
  abdomen: S(`simple renal cysts|diverticulosis|a small hiatus hernia|hepatic steatosis|gallstones|a liver haemangioma|a splenunculus|
    a small umbilical hernia|cholecystectomy clips|a duplex kidney|a fatty pancreas|pancreas divisum|a bifid renal pelvis|atherosclerotic calcification`),
  pelvis: S(`uterine fibroids|prostatic calcification|an ovarian follicle|a nabothian cyst|bilateral hip osteoarthritis|diverticulosis|
    an enlarged prostate|a retroverted uterus|phleboliths`),
  head: S(`small vessel disease|generalised atrophy|a mucous retention cyst|an arachnoid cyst|a cavum septum pellucidum|
    calcification of the basal ganglia|mild mucosal thickening of the sinuses|a developmental venous anomaly`),
  spine: S(`degenerative changes at L4/5|a Schmorl's node|a Tarlov cyst|a vertebral haemangioma|Modic type 1 change|bilateral pars defects|
    a bone island|facet joint arthropathy|simple renal cysts`),
  neck: S(`a thyroid colloid cyst|small reactive nodes|a cervical rib|degenerative changes in the cervical spine|calcified carotid plaque`),
  other: S(`a lipoma|a sebaceous cyst|a bone island|old healed fractures|degenerative change|vascular calcification|an accessory ossicle|
    a small joint effusion|soft tissue swelling`),
};

/** What later confirmed the diagnosis, for cancers. */
const FOLLOW_ON = S(`histology confirmed the diagnosis|staging showed nodal involvement|tumour markers were markedly raised|
  serial imaging showed steady enlargement|immunohistochemistry confirmed the primary site|the multidisciplinary meeting recommended treatment with curative intent|
  genetic testing was offered to relatives|staging showed distant metastases|a core biopsy confirmed malignancy`);

// ------------------------------------------------------------------------------------------------
// Sentences per contributory factor. Each template writes one sentence; a case's first factor
// gets two, every other factor one, so the narrative always explains each code it carries.

export type Ctx = {
  r: Rng;
  exam: string;
  name: string;
  finding: string;
  referrer: string;
  reporter: string;
  alertRoute: string;
  journey?: Journey;
  alertCategory: string;
  urgency: string;
  outsourced: boolean;
  setting: string;
  scenario: string;
  bodyArea: string;
};

const gap = (j: Journey | undefined, a: keyof Journey, b: keyof Journey): number | null =>
  j && j[a] !== undefined && j[b] !== undefined ? j[b]! - j[a]! : null;
const onDay = (j: Journey | undefined, k: keyof Journey, fallback: string) =>
  j && j[k] !== undefined ? `on day ${j[k]}` : fallback;
const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

type T = (x: Ctx) => string;
const pickSys = (x: Ctx) => SYSTEM.pick(x.r);
const pickRep = (x: Ctx) => x.reporter;

export const FACTOR_SENTENCES: Record<string, T[]> = {
  'T1.01': [
    (x) => `Reporters had been told informally to phone critical results only, so ${x.finding} went out without any notification`,
    (x) => `No alert was raised; ${pickRep(x)} later said they assumed the clinical team already knew about the abnormality`,
    (x) => `The ${x.exam} was reported ${onDay(x.journey, 'report', 'promptly')} by ${pickRep(x)}, who described ${x.finding} but raised no alert`,
    (x) => `Although the report mentioned ${x.finding}, no ${x.alertCategory === 'none' ? 'significant unexpected finding' : x.alertCategory} alert was raised and the result went out as a routine report`,
    (x) => `The finding needed an alert under the national recommendations, but the report was issued without one and nothing flagged it in ${pickSys(x)}`,
  ],
  'T1.02': [
    () => `A cancer alert would have triggered the two-week-wait tracker; the significant-finding flag used instead generated only a weekly digest`,
    (x) => `An alert was raised but as a routine notification rather than ${x.alertCategory === 'critical' ? 'a critical' : 'an urgent'} one, so it sat unread in ${pickSys(x)}`,
    (x) => `The reporter flagged ${x.finding} with the wrong category, and the result joined the routine queue`,
    (x) => `The urgency on the alert did not match the finding, and ${x.referrer} treated it as routine`,
  ],
  'T1.03': [
    (x) => `Nine lines of normal findings preceded the sentence about the ${x.name}, and the summary omitted it altogether`,
    (x) => `The report described ${x.finding} in the body text, but the conclusion said only that there was no acute abnormality`,
    (x) => `The conclusion answered the clinical question and left out ${x.finding}, which appeared halfway down the findings`,
    (x) => `A reader who looked only at the conclusion, as ${x.referrer} did, would not have known about the ${x.name}`,
  ],
  'T1.04': [
    () => `Phrases such as "likely incidental" and "of doubtful significance" softened the message, and no follow-up was suggested`,
    (x) => `The report called the finding "probably benign, clinical correlation advised", and ${x.referrer} read it as reassurance`,
    (x) => `The wording was hedged ("cannot exclude", "may represent") and gave no recommendation, so the ${x.name} was not acted on`,
    (x) => `The reporter was concerned about ${x.finding} but wrote it as a minor observation`,
  ],
  'T1.05': [
    () => `The alert was routed by the request's cost code to a dormant clinic template and bounced unnoticed`,
    (x) => `The alert went ${x.alertRoute}, but to a team that had already discharged the patient`,
    () => `The alert was sent to the consultant named on the request, who had not seen the patient and did not recognise the name of the examination`,
    (x) => `The alert for ${x.finding} reached an administrative inbox rather than a clinician`,
  ],
  'T1.06': [
    () => `Retrospectively the abnormality was conspicuous, measuring larger than most reviewers expected, yet the original read described nothing`,
    (x) => `This ${x.exam} showed ${x.finding}, which was not reported`,
    (x) => `The ${x.name} lay ${REVIEW_AREA.pick(x.r)}, a known review area, and was not reported`,
    (x) => `On review the ${x.name} was visible on the original images; ${pickRep(x)} had reported the study as normal`,
    (x) => `The report described the expected findings and missed ${x.finding}, an error of perception on a busy list`,
    (x) => `Second-look review agreed that ${x.finding} had been missed on the first read`,
  ],
  'T1.07': [
    (x) => `Although guidance for a ${x.name} of this size advises further assessment, the report closed with "no further imaging required"`,
    (x) => `The report described ${x.finding} but made no recommendation for further imaging or referral`,
    (x) => `The report did not say what follow-up the ${x.name} needed, and ${x.referrer} took no further action`,
    (x) => `No follow-up was suggested, although current guidance would have advised ${recommend(x)}`,
  ],
  'T1.08': [
    () => `A prior examination, performed elsewhere, showed identical appearances that were smaller; nobody requested those images`,
    (x) => `The earlier imaging was available on PACS but was not compared, so growth of the ${x.name} went unrecognised`,
    () => `The report did not refer to a previous study that already showed a smaller abnormality at the same site`,
    () => `Previous imaging from another trust had not been imported, and the reporter did not ask for it`,
  ],
  'T2.01': [
    () => `Acknowledgement reports showed the alert unopened for weeks, and the monthly audit that should have caught it had lapsed`,
    (x) => `The report was sent ${x.alertRoute} ${onDay(x.journey, 'alert', 'the same day')}, but no one acknowledged it`,
    (x) => `The alert for ${x.finding} remained unacknowledged in ${pickSys(x)}, and no escalation followed`,
    (x) => `${cap(x.referrer)} did not open the report, and the system did not escalate an unread alert`,
  ],
  'T2.02': [
    () => `A junior doctor marked the result "noted" while clearing a backlog of several hundred items, unaware of its significance`,
    (x) => `The report was marked as seen and filed ${onDay(x.journey, 'acknowledgement', 'within days')}, with no action recorded`,
    (x) => `${cap(x.referrer)} filed the result, reading it as normal, without acting on the ${x.name}`,
    (x) => `The result was filed in ${pickSys(x)} during a bulk sign-off, and the finding was not acted on`,
  ],
  'T2.03': [
    () => `A booking clerk rejected the follow-up request because a mandatory field was blank, and nobody was notified`,
    () => `Follow-up was planned in the multidisciplinary meeting outcome, yet the request never reached the booking queue`,
    (x) => `The report recommended ${recommend(x)} for the ${x.name}, but it was never booked`,
    () => `The recommended repeat scan was agreed in clinic but no request was made, and the patient was lost to follow-up`,
    (x) => `A follow-up appointment was requested on paper and never entered into ${pickSys(x)}`,
    (x) => `The recommendation for ${recommend(x)} was read, but no request was made`,
  ],
  'T2.04': [
    () => `During transfer to a community hospital, pending imaging was not listed, and the receiving physicians never saw the report`,
    (x) => `The result arrived after the patient moved from ${x.setting === 'ed' ? 'the emergency department' : 'one ward'} to another team, and the handover did not mention it`,
    () => `The finding was discussed on a ward round but was missing from the written handover and the discharge summary`,
    () => `The result was handed over verbally between teams and the action was lost`,
  ],
  'T2.05': [
    () => `Results were discussed with relatives by telephone, but the patient, who had capacity, was never informed directly`,
    (x) => x.scenario === 'mammo' ? 'The recall letter for further assessment was never sent, and the patient was not told' : `The patient was not told of ${x.finding} and assumed the scan was normal`,
    (x) => `No one told the patient about the ${x.name}, and no letter was copied to them`,
    () => `The patient learned of the finding only when they saw a different clinician`,
  ],
  'T2.06': [
    () => `Rotation of junior staff in August left the request attributed to a doctor who had moved deanery`,
    () => `The requesting clinician had left the trust before the report was issued, and no one took over the result`,
    () => `The referrer was a locum whose account was closed, so the alert had no responsible clinician`,
    () => `The result went to a consultant who had retired, and the inbox was not reassigned`,
  ],
  'T2.07': [
    () => `Manual tracking using a spreadsheet stopped when its owner went on maternity leave`,
    () => `The finding was not added to the fail-safe tracking list, so no one checked that it had been acted on`,
    (x) => `Tracking failed because ${IT_DETAIL.pick(x.r)}`,
    (x) => `The department's fail-safe process was not used for this ${x.exam}, because the finding was coded as routine`,
    (x) => x.scenario === 'mammo' ? 'The screening fail-safe did not pick up that the recall had not happened' : `${cap(pickSys(x))} had no record of the alert, so the fail-safe audit missed it`,
  ],
  'T2.08': [
    () => `Copying the report to primary care was treated as a handover, though nothing in it asked the practice to act`,
    () => `The report was copied to the GP practice without a clear request for action, and each side assumed the other would act`,
    () => `The discharge letter said "for GP follow-up" without saying what follow-up, and the practice filed it`,
    (x) => `The hospital team expected primary care to arrange ${recommend(x)}; the practice expected the hospital to do it`,
  ],
  'T3.01': [
    (x) => `The request waited ${days(gap(x.journey, 'request', 'vetting') ?? 21)} for vetting because there was no vetting rota`,
    () => `Vetting was delayed while the request sat in a shared queue that no one owned`,
  ],
  'T3.02': [
    () => `Scanner downtime, staff vacancies and cancelled weekend lists all lengthened waiting times`,
    (x) => `The scan took place ${onDay(x.journey, 'scan', 'weeks later')}, well beyond the expected timeframe, because of a shortage of ${x.exam.includes('MRI') ? 'MRI' : 'scanner'} capacity`,
    () => `The appointment was postponed twice for capacity reasons before the scan took place`,
  ],
  'T3.03': [
    () => `Plain film reporting had been deprioritised for months, leaving many thousands of examinations waiting`,
    (x) => `The ${x.exam} was not reported until ${onDay(x.journey, 'report', 'weeks later')}, ${days(gap(x.journey, 'scan', 'report') ?? 30)} after the scan, because of a reporting backlog`,
    () => `The study sat unreported in a backlog of several thousand examinations`,
  ],
  'T3.04': [
    (x) => `Studies were batched for transmission overnight, and a transfer failure went unreconciled for ${days(gap(x.journey, 'scan', 'report') ?? 14)}`,
    (x) => `The study was sent to the outsourced reporting company and the report came back ${days(gap(x.journey, 'scan', 'report') ?? 14)} after the scan`,
    () => `The outsourcing provider did not meet its turnaround time, and the delay was not noticed because no one monitored returns`,
    (x) => `The overflow contract prioritised by date, not urgency, so the ${x.urgency === 'routine' ? 'study' : 'urgent study'} waited with the routine work`,
  ],
  'T3.05': [
    () => `Verification required a consultant signature, and the supervising consultant was on extended leave`,
    (x) => `A provisional report was written promptly but waited ${days(gap(x.journey, 'scan', 'report') ?? 14)} for verification`,
    (x) => `The trainee's draft report sat unverified in the consultant's queue until ${onDay(x.journey, 'report', 'much later')}`,
  ],
  'T3.06': [
    (x) => `A PACS outage meant the images did not reach the reporting worklist, and the report was issued ${onDay(x.journey, 'report', 'late')}`,
    (x) => `Images were delayed because ${IT_DETAIL.pick(x.r)}`,
    (x) => `The images failed to transfer from the ${x.exam.includes('MRI') ? 'mobile MRI unit' : 'community scanner'} and no one noticed the missing study`,
  ],
  'T3.07': [
    (x) => `The original request was lost between systems, and a second request was made ${onDay(x.journey, 'vetting', 'weeks later')}`,
    (x) => `The paper request was never received by the department, and the delay came to light only when ${x.referrer} chased it`,
  ],
  'T3.08': [
    (x) => `The request was marked urgent but the urgency was not recognised at vetting, and the scan was booked ${onDay(x.journey, 'scan', 'weeks later')}`,
    () => `The clinical details pointed to a suspected cancer, but the request was treated as routine`,
  ],
  'T4.01': [
    () => 'This repeats an earlier case at the same department with the same failure',
    () => 'A similar case was reviewed at this department before, with the same contributory factor',
  ],
  'T4.02': [
    () => 'An action agreed after an earlier review had not been carried out',
    () => 'The change agreed at an earlier learning review was still open and overdue',
  ],
  'T4.03': [
    () => 'Learning from earlier cases had not been shared with the staff involved',
    () => 'The reporters involved had not seen the learning from previous discrepancies',
  ],
  'T4.04': [
    () => 'No learning meeting had been held for several months because of staffing',
    () => 'The case was not reviewed at the time, and no learning meeting discussed it',
  ],
  'T4.05': [
    () => 'The trust did not recognise that anything had gone wrong until the complaint was escalated',
    () => 'The initial complaint response said that care had been appropriate, which the later review did not support',
  ],
  'T4.06': [
    () => 'A similar failure had happened at another site in the same group, but the learning had not been shared',
    () => 'Learning from a neighbouring trust on the same issue had not reached this department',
  ],
};

const FACTOR_LABELS: Record<string, string> = Object.fromEntries(THEMES.flatMap((t) => t.factors.map((f) => [f.code, f.label.toLowerCase()])));

// ------------------------------------------------------------------------------------------------
// Titles: short and specific, led by the finding or the exam.

const TITLE: Record<string, (f: string, e: string, d: string) => string> = {
  'T1.01': (f, e) => `${f} on ${e} not alerted`,
  'T1.02': (f, e) => `${f} on ${e} alerted at the wrong urgency`,
  'T1.03': (f, e) => `${f} on ${e} left out of the conclusion`,
  'T1.04': (f, e) => `Hedged ${e} report: ${f.toLowerCase()} not acted on`,
  'T1.05': (f, e) => `Alert for ${f.toLowerCase()} on ${e} sent to the wrong team`,
  'T1.06': (f, e) => `${f} missed on ${e}`,
  'T1.07': (f, e) => `No follow-up advised for ${f.toLowerCase()} on ${e}`,
  'T1.08': (f, e) => `${f} on ${e}: earlier imaging not compared`,
  'T2.01': (f, e) => `${f} on ${e} not acknowledged`,
  'T2.02': (f, e) => `${f} on ${e} filed without action`,
  'T2.03': (f, e) => `Follow-up for ${f.toLowerCase()} on ${e} never booked`,
  'T2.04': (f, e) => `${f} on ${e} lost at handover`,
  'T2.05': (f, e) => `Patient not told of ${f.toLowerCase()} on ${e}`,
  'T2.06': (f, e) => `${f} on ${e} with no responsible clinician`,
  'T2.07': (f, e) => `${f} on ${e} not tracked by the fail-safe`,
  'T2.08': (f, e) => `${f} on ${e} sent to primary care without clear action`,
  'T3.01': (_f, e, d) => `${cap(e)} request waited ${d} for vetting`,
  'T3.02': (_f, e, d) => `${cap(e)} scan delayed to day ${d}`,
  'T3.03': (_f, e, d) => `${cap(e)} reported ${d} after the scan`,
  'T3.04': (_f, e, d) => `Outsourced ${e} reported ${d} after the scan`,
  'T3.05': (_f, e, d) => `${cap(e)} report awaited verification for ${d}`,
  'T3.06': (_f, e) => `PACS failure delayed ${e} report`,
  'T3.07': (_f, e) => `${cap(e)} request lost before vetting`,
  'T3.08': (_f, e) => `Urgent ${e} request treated as routine`,
  'T4.02': (f, e) => `${f} on ${e}: earlier action not implemented`,
  'T4.03': (f, e) => `${f} on ${e}: learning not shared`,
  'T4.04': (f, e) => `${f} on ${e} not reviewed`,
  'T4.05': (f, e) => `${f} on ${e}: failing not recognised`,
  'T4.06': (f, e) => `${f} on ${e}: learning from other sites missed`,
};

// ------------------------------------------------------------------------------------------------
// Composition

export type TextSpec = {
  scenario: Scenario;
  finding: Finding;
  exam: string;
  factors: string[];
  source: string;
  harm: string;
  ageBand: string;
  setting: string;
  urgency: string;
  alertCategory: string;
  journey?: Journey;
  outsourced: boolean;
  repeatMonths?: number;
  meetingMonth?: string;
};

const URGENCY_WORDS: Record<string, string> = { routine: 'routine', urgent: 'urgent', cancer_2ww: 'two-week-wait', inpatient: 'inpatient' };

const REFERRAL: T[] = [
  (x) => `${cap(x.referrer)} requested ${an(`${URGENCY_WORDS[x.urgency]} ${x.exam}`)}`,
  (x) => `${cap(an(`${URGENCY_WORDS[x.urgency]} ${x.exam}`))} was requested by ${x.referrer}`,
  (x) => `${cap(x.referrer)} made a referral for ${an(x.exam)}, marked ${URGENCY_WORDS[x.urgency]}`,
];

const evidence = (r: Rng) => EVIDENCE.pick(r).replace(/^the /, '');
// LFPSE records psychological harm separately (no to severe); it tracks physical harm but is often a step higher.
const PSYCH = ['no', 'low', 'moderate', 'severe'];
const psychological = (physical: string, r: Rng) => PSYCH[Math.min(3, Math.max(0, PSYCH.indexOf(physical === 'fatal' ? 'severe' : physical) + (r() < 0.4 ? 1 : 0)))]!;
const drug = (r: Rng) => { const u = r(); return (u < 0.7 ? DRUG : u < 0.88 ? DRUG_MORE : DRUG_RARE).pick(r); };
const comorbidity = (r: Rng) => (r() < 0.8 ? COMORBIDITY : COMORBIDITY_RARE).pick(r);
export const an = (phrase: string) => `${anArticle(phrase) ? 'an' : 'a'} ${phrase}`;

function background(x: Ctx, spec: TextSpec): string {
  const r = x.r;
  const who = AGE_PHRASES[spec.ageBand]!.pick(r);
  const symptoms = (SYMPTOM[spec.scenario.bodyArea] ?? SYMPTOM.chest!).pick(r);
  const roll = r();
  if (roll < 0.3) return `${cap(who)} with ${comorbidity(r)}, taking ${drug(r)}, presented with ${symptoms}`;
  if (roll < 0.5) return `${cap(who)} with a history of ${comorbidity(r)} and ${comorbidity(r)} presented with ${symptoms}`;
  if (roll < 0.7) return `${cap(who)}, on ${drug(r)} and ${drug(r)}, was investigated for ${symptoms}`;
  if (roll < 0.85) return `Background: ${comorbidity(r)}, ${comorbidity(r)}; medicines included ${drug(r)}. Presenting problem: ${symptoms}`;
  return `${cap(who)} was investigated for ${symptoms}`;
}

function journeySentence(x: Ctx): string | null {
  const j = x.journey;
  if (!j || j.scan === undefined || x.r() < 0.3) return null;
  const parts: string[] = ['request day 0'];
  for (const k of ['vetting', 'scan', 'report', 'alert', 'acknowledgement', 'action'] as const) if (j[k] !== undefined) parts.push(`${k} day ${j[k]}`);
  return `Timeline: ${parts.join(', ')}`;
}

function titleFor(spec: TextSpec, x: Ctx): string {
  const f = spec.factors.find((c) => TITLE[c]) ?? spec.factors[0]!;
  const j = spec.journey;
  const d =
    f === 'T3.01' ? days(gap(j, 'request', 'vetting') ?? 21)
      : f === 'T3.02' ? String(j?.scan ?? 60)
        : days(gap(j, 'scan', 'report') ?? 20);
  const base = (TITLE[f] ?? TITLE['T1.06']!)(cap(spec.finding.name), x.exam, d);
  if (spec.factors.includes('T4.01')) return `Repeat: ${base.charAt(0).toLowerCase()}${base.slice(1)}`;
  if (spec.source === 'phso' && x.r() < 0.7) return `PHSO upheld: ${base.charAt(0).toLowerCase()}${base.slice(1)}`;
  if (spec.source === 'real' && x.r() < 0.5) return `REAL: ${base.charAt(0).toLowerCase()}${base.slice(1)}`;
  return base;
}

/** Title, narrative (5 to 10 sentences) and learning (1 to 3 sentences) for one case. */
export function writeCase(spec: TextSpec, r: Rng): { title: string; narrative: string; learning: string } {
  const x: Ctx = {
    r,
    exam: spec.exam,
    name: spec.finding.name,
    finding: spec.finding.describe(r),
    referrer: (spec.setting === 'outpatient' ? CLINIC[spec.scenario.bodyArea] ?? CLINIC.whole_body! : REFERRER[spec.setting]!).pick(r),
    reporter: spec.outsourced ? 'an outsourced radiologist' : REPORTER.pick(r),
    alertRoute: ALERT_ROUTE.pick(r),
    journey: spec.journey,
    alertCategory: spec.alertCategory,
    urgency: spec.urgency,
    outsourced: spec.outsourced,
    setting: spec.setting,
    scenario: spec.scenario.key,
    bodyArea: spec.scenario.bodyArea,
  };
  const out: string[] = [];
  const opening = SOURCE_OPENING[spec.source]!.pick(r);
  out.push(spec.source === 'real' && spec.meetingMonth && r() < 0.5 ? `${cap(opening)}, held in ${spec.meetingMonth}` : cap(opening));
  out.push(background(x, spec));
  if (r() < 0.3) {
    const context = PATIENT_CONTEXT.pick(r);
    out.push(r() < 0.5 ? cap(context) : `Social context: ${context.replace(/^the patient /, '')}`);
  }
  out.push(any(r, REFERRAL)(x));
  if (r() < 0.5) {
    const q = QUESTION[spec.scenario.bodyArea] ?? QUESTION.chest!;
    out.push(`Clinical question: ${q.pick(r)}${r() < 0.4 ? ` or ${q.pick(r)}` : ''}`);
  }
  const js = journeySentence(x);
  if (js) out.push(js);
  if (r() < 0.35) out.push(cap((TECHNIQUE[spec.scenario.modality] ?? TECHNIQUE.other!).pick(r)));
  if (r() < 0.2) out.push(`The examination was done at ${VENUE.pick(r)}${r() < 0.4 ? ` ${CIRCUMSTANCE.pick(r)}` : ''}`);
  if (spec.finding.alert === 'cancer' && spec.scenario.modality !== 'ir' && r() < 0.5) {
    const m = MORPHOLOGY[spec.scenario.modality] ?? MORPHOLOGY.general!;
    const f = FEATURE[featureArea(spec.scenario.bodyArea)] ?? FEATURE.bone!;
    const a = f.pick(r);
    const b = f.pick(r);
    const first = MORPHOLOGY.general!.pick(r);
    const second = m.pick(r);
    out.push(`On review this ${x.name} was ${first}${second !== first ? ` and ${second}` : ''}, with ${a}${b !== a && r() < 0.4 ? ` and ${b}` : ''}`);
  }
  spec.factors.forEach((code, i) => {
    const pool = FACTOR_SENTENCES[code]!;
    const first = Math.floor(r() * pool.length);
    out.push(pool[first]!(x));
    if (i === 0 && pool.length > 1) out.push(pool[(first + 1 + Math.floor(r() * (pool.length - 1))) % pool.length]!(x));
  });
  if (spec.factors[0]!.startsWith('T1') && r() < 0.6) {
    const slot = INCIDENTAL[spec.scenario.bodyArea] ?? INCIDENTAL.other!;
    const listed = [...new Set([slot.pick(r), slot.pick(r), slot.pick(r)])];
    out.push(`The report also listed ${listed.length > 1 ? `${listed.slice(0, -1).join(', ')} and ${listed.at(-1)}` : listed[0]}`);
  }
  if (r() < 0.35) {
    const area = ANATOMY[spec.scenario.bodyArea] ?? ANATOMY.whole_body!;
    out.push(`${any(r, ['Other structures', 'Remaining structures', 'Other areas reviewed'])}, including ${area.pick(r)} and ${area.pick(r)}, were unremarkable`);
  }
  if (spec.factors[0]!.startsWith('T1') && r() < 0.5) out.push(`At the time, ${WORKLOAD.pick(r)}`);
  if (spec.repeatMonths !== undefined) out.push(`The earlier case was logged ${spec.repeatMonths === 1 ? 'a month' : `${spec.repeatMonths} months`} before`);
  if (r() < 0.6) out.push(`${any(r, ['It came to light', 'This came to light', 'The problem came to light', 'It was found'])} ${DISCOVERY.pick(r)}`);
  if (spec.source === 'local_complaint' || spec.source === 'phso') {
    out.push(`${any(r, ['The complainant said that', 'Their complaint said that', 'In their complaint they said', 'They said that'])} ${COMPLAINT_CONCERN.pick(r)}`);
    if (r() < 0.5) out.push(cap(IMPACT.pick(r)));
  }
  out.push(r() < 0.6 ? `${cap(INVESTIGATION.pick(r))} found that ${SYSTEMIC.pick(r)}` : `${any(r, ['The review found that', 'Reviewers found that', 'Review found that'])} ${SYSTEMIC.pick(r)}`);
  if (r() < 0.3) out.push(`It also found that ${SYSTEMIC.pick(r)}`);
  const consequence = CONSEQUENCE[spec.harm]!.pick(r);
  if (spec.harm === 'no' || spec.harm === 'low') out.push(cap(consequence));
  else if (spec.harm === 'fatal') out.push(`Diagnosis of ${spec.finding.disease} came too late for ${treatment(spec.finding.disease, r)}; ${consequence}`);
  else out.push(`Diagnosis of ${spec.finding.disease} came late, and treatment needed ${treatment(spec.finding.disease, r)}; ${consequence}`);
  if (spec.source !== 'real' && spec.source !== 'incident' && r() < 0.5) out.push(cap(RESPONSE.pick(r)));
  if (spec.harm !== 'no' && r() < 0.4) out.push(cap(CANDOUR.pick(r)));
  out.push(`LFPSE physical harm: ${spec.harm}; psychological harm: ${psychological(spec.harm, r)}`);
  out.push(`Contributory factors: ${spec.factors.map((f) => FACTOR_LABELS[f] ?? f).join('; ')}`);
  if (r() < 0.45) out.push(`Evidence reviewed: ${evidence(r)}, ${evidence(r)} and ${evidence(r)}; interviews with ${ROLE.pick(r)} and ${ROLE.pick(r)}`);
  if (spec.source === 'real' && r() < 0.7) out.push(cap(REAL_OUTCOME.pick(r)));
  if (spec.factors[0]!.startsWith('T3') && r() < 0.6) out.push(`At the time ${BACKLOG.pick(r)}`);
  if (spec.harm !== 'no' && spec.finding.alert === 'cancer' && r() < 0.4) out.push(cap(FOLLOW_ON.pick(r)));
  if ((spec.harm === 'severe' || spec.harm === 'fatal') && r() < 0.5) out.push(`The family were offered ${SUPPORT_MORE.pick(r)}`);
  if (spec.source === 'real' || (spec.factors[0] === 'T1.06' && r() < 0.5)) out.push(`Contributing cognitive factor: ${BIAS.pick(r)}`);
  if (r() < 0.25) out.push(`Staff involved were offered ${SUPPORT.pick(r)}`);
  if (r() < 0.7) out.push(`Actions agreed: ${ACTION.pick(r)}${r() < 0.5 ? `; ${ACTION.pick(r)}` : ''}`);
  const narrative = out.join('. ') + '.';

  const themes = [...new Set(spec.factors.map((f) => f.slice(0, 2)))];
  const n = 1 + Math.floor(r() * Math.min(3, themes.length + 1));
  const learning: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = cap(LEARNING[themes[i % themes.length]!]!.pick(r));
    if (!learning.includes(s)) learning.push(s);
  }
  return { title: titleFor(spec, x), narrative, learning: learning.join('. ') + '.' };
}
