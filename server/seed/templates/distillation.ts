// Starter palace: knowledge distillation, from model compression and Hinton's soft targets to
// feature matching, the practical variants used to shrink vision models, and language models.
import { flow, HUES, plot, rect, sample, sketch, text } from "../diagrams";
import { defineTemplate } from "./template-kit";

const setupDiagram = flow(
  "Distillation: a frozen teacher, a learning student",
  [
    { id: "x", x: 80, y: 260, label: "input", w: 100, fill: HUES.grey },
    { id: "t", x: 270, y: 140, label: "teacher\n(frozen)", w: 140, h: 70, fill: HUES.violet, dashed: true },
    { id: "s", x: 270, y: 360, label: "student", w: 140, h: 70, fill: HUES.blue },
    { id: "tp", x: 470, y: 140, label: "softmax(z / T)", w: 150, fill: HUES.amber },
    { id: "sp", x: 470, y: 290, label: "softmax(z / T)", w: 150, fill: HUES.amber },
    { id: "sh", x: 470, y: 410, label: "softmax(z)", w: 150, fill: HUES.green },
    { id: "kd", x: 680, y: 215, label: "T² · KL", w: 130, fill: HUES.rose },
    { id: "ce", x: 680, y: 410, label: "CE with label", w: 150, fill: HUES.rose },
  ],
  [
    { from: "x", to: "t" },
    { from: "x", to: "s" },
    { from: "t", to: "tp" },
    { from: "s", to: "sp" },
    { from: "s", to: "sh" },
    { from: "tp", to: "kd" },
    { from: "sp", to: "kd" },
    { from: "sh", to: "ce" },
  ],
  [text(400, 480, "loss = α · T² · KL + (1 − α) · CE", { size: 18 })],
);

/** Softmax at temperature T of a fixed set of logits, for the temperature diagram. */
const LOGITS = [6, 3, 2, 0];
const softmax = (t: number) => {
  const e = LOGITS.map((z) => Math.exp(z / t));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
};
const temperatureDiagram = sketch("The same logits at T = 1 and T = 4", [
  ...[1, 4].flatMap((t, panel) => {
    const left = 90 + panel * 380;
    return [
      text(left + 140, 80, `T = ${t}`, { size: 20, weight: "bold" }),
      ...softmax(t).flatMap((p, i) => [
        rect(left + 20 + i * 65, 400 - p * 280, 45, p * 280, panel === 0 ? HUES.blue : HUES.amber, { rx: 3 }),
        text(left + 42 + i * 65, 385 - p * 280, p.toFixed(2), { size: 14 }),
        text(left + 42 + i * 65, 420, `z=${LOGITS[i]}`, { size: 14 }),
      ]),
    ];
  }),
  text(400, 465, "a higher temperature lifts the wrong classes into view", { size: 17 }),
]);

const hintDiagram = flow(
  "FitNets: a hint from the teacher's middle",
  [
    ...["t1", "t2", "t3", "t4"].map((id, i) => ({ id, x: 180, y: 110 + i * 90, label: i === 1 ? "hint layer" : `layer ${i + 1}`, w: 150, fill: i === 1 ? HUES.violet : HUES.grey })),
    ...["s1", "s2", "s3", "s4", "s5"].map((id, i) => ({ id, x: 620, y: 95 + i * 78, label: i === 2 ? "guided layer" : `layer ${i + 1}`, w: 150, h: 50, fill: i === 2 ? HUES.blue : HUES.grey })),
    { id: "reg", x: 400, y: 330, label: "regressor", w: 130, fill: HUES.amber },
    { id: "mse", x: 400, y: 200, label: "MSE", w: 90, fill: HUES.rose },
  ],
  [
    { from: "t1", to: "t2" },
    { from: "t2", to: "t3" },
    { from: "t3", to: "t4" },
    { from: "s1", to: "s2" },
    { from: "s2", to: "s3" },
    { from: "s3", to: "s4" },
    { from: "s4", to: "s5" },
    { from: "t2", to: "mse" },
    { from: "s3", to: "reg" },
    { from: "reg", to: "mse" },
  ],
  [text(180, 470, "teacher: wide, shallow", { size: 16 }), text(620, 475, "student: thin, deep", { size: 16 })],
);

const deitDiagram = flow(
  "DeiT: a distillation token beside the class token",
  [
    { id: "cls", x: 120, y: 120, label: "class token", w: 150, fill: HUES.green },
    { id: "patches", x: 120, y: 250, label: "16×16 patches", w: 170, fill: HUES.grey },
    { id: "dist", x: 120, y: 380, label: "distillation\ntoken", w: 150, h: 66, fill: HUES.amber },
    { id: "vit", x: 390, y: 250, label: "transformer\nblocks", w: 150, h: 300, fill: HUES.blue },
    { id: "h1", x: 650, y: 120, label: "CE with\ntrue label", w: 150, h: 66, fill: HUES.rose },
    { id: "h2", x: 650, y: 380, label: "CE with\nteacher's label", w: 160, h: 66, fill: HUES.violet },
  ],
  [
    { from: "cls", to: "vit" },
    { from: "patches", to: "vit" },
    { from: "dist", to: "vit" },
    { from: "vit", to: "h1" },
    { from: "vit", to: "h2" },
  ],
  [text(400, 465, "at test time the two heads' predictions are averaged", { size: 16 })],
);

const gauss = (x: number, mu: number, sigma: number) => Math.exp(-((x - mu) ** 2) / (2 * sigma ** 2)) / (sigma * Math.sqrt(2 * Math.PI));
const klDiagram = plot("Fitting one bump to a two-peaked teacher", {
  xLabel: "output",
  yLabel: "probability density",
  xMax: 10,
  yMax: 0.6,
  series: [
    { label: "teacher p", points: sample((x) => 0.5 * gauss(x, 3, 0.7) + 0.5 * gauss(x, 7, 0.7), 10, 200) },
    { label: "forward KL", points: sample((x) => gauss(x, 5, 2.1), 10, 200), dashed: true },
    { label: "reverse KL", points: sample((x) => gauss(x, 7, 0.8), 10, 200), dashed: true },
  ],
});

export const distillation = defineTemplate({
  title: "Knowledge distillation",
  description:
    "How a small student network learns from a large teacher: why soft targets carry more than labels, how temperature and the distillation loss work, what can be matched beyond the outputs, the variants used to compress real models, and the choices that matter for language models.",
  rooms: [
    { key: "foundations", name: "Schoolhouse of Teachers and Students", gridX: 0, gridZ: 0, width: 10, depth: 10, height: 3.5, theme: "ivory" },
    { key: "soft", name: "Hall of Soft Targets", gridX: 10, gridZ: 0, width: 10, depth: 10, height: 4, theme: "sandstone" },
    { key: "features", name: "Mirror Room of Features", gridX: 20, gridZ: 0, width: 10, depth: 10, height: 4, theme: "indigo" },
    { key: "practice", name: "Workshop of Variants", gridX: 30, gridZ: 0, width: 12, depth: 10, height: 4, theme: "moss" },
    { key: "language", name: "Library of Language Models", gridX: 30, gridZ: 10, width: 12, depth: 10, height: 4.5, theme: "terracotta" },
  ],
  doors: [
    { a: "foundations", b: "soft", position: 5 },
    { a: "soft", b: "features", position: 5 },
    { a: "features", b: "practice", position: 5 },
    { a: "practice", b: "language", position: 36 },
  ],
  concepts: [
    {
      key: "teacher",
      room: "foundations",
      title: "The teacher model",
      kind: "other",
      tags: ["teacher"],
      diagram: setupDiagram,
      notes: `The teacher is a large, accurate model, or an ensemble of models, that has already been trained. During distillation its weights are frozen and it only runs forward passes to produce targets for the student, so its outputs can even be computed once and stored.

A better teacher does not always make a better student: a teacher that is extremely confident gives soft targets close to one-hot labels and teaches little more than the labels do. Teachers trained with strong regularisation or label smoothing can also distil worse than expected.

**Picture:** a towering professor behind frosted glass, answering every question with a whole spread of likely answers, never a single word.`,
    },
    {
      key: "student",
      room: "foundations",
      title: "The student model",
      kind: "other",
      tags: ["student", "compression"],
      after: ["teacher"],
      notes: `The student is the model you actually want to deploy: smaller, faster or cheaper than the teacher. It is usually a shallower or narrower version of the same architecture family, but nothing requires that; a convolutional teacher can train a transformer student and the other way round.

Because it learns from the teacher's full output distribution rather than single labels, a student typically reaches higher accuracy than the same architecture trained from scratch on the same data, sometimes closing most of the gap to the teacher.

**Picture:** a small apprentice copying the professor's handwriting stroke by stroke, her notebook a tenth the size of his library.`,
    },
    {
      key: "ensemble-distillation",
      room: "foundations",
      title: "Model compression: distilling an ensemble",
      kind: "technique",
      tags: ["ensembles", "compression"],
      after: ["teacher", "student"],
      notes: `Averaging the predictions of several independently trained models is one of the most reliable ways to gain accuracy, but serving them multiplies the cost. Distillation collapses the ensemble into a single model by training it on the ensemble's averaged predictions.

The idea predates the name: in 2006 Buciluǎ, Caruana and Niculescu-Mizil compressed large ensembles into small networks by labelling extra, partly synthetic data with the ensemble and training on those labels. The single model usually keeps much of the ensemble's accuracy at a fraction of its cost.

**Picture:** a jury of ten judges whispering their verdicts into the ear of a single clerk, who learns to rule like all of them.`,
    },
    {
      key: "logit-regression",
      room: "foundations",
      title: "Matching logits (Ba and Caruana, 2014)",
      kind: "technique",
      tags: ["logits", "regression"],
      sourceUrl: "https://arxiv.org/abs/1312.6184",
      after: ["ensemble-distillation"],
      checks: [{ calc: "ln", args: [1000], says: "ln 1000 ≈ 6.9" }],
      notes: `In *Do Deep Nets Really Need to be Deep?* Ba and Caruana trained shallow networks to mimic deep ones by regressing the teacher's logits, the scores before the softmax, with a squared-error loss. On TIMIT speech recognition and CIFAR-10 the shallow mimics came close to the deep teachers, far closer than the same shallow networks trained on the labels.

Logits keep information that the softmax squashes: probabilities of 1e-6 and 1e-9 both look like zero, yet their logits differ by ln 1000 ≈ 6.9. The result suggested that much of depth's advantage lies in what is learned, not in what can be represented.

**Picture:** a mimic on stage copying a singer's breath marks in the score, not just the notes that reach the audience.`,
    },
    {
      key: "kd-paper",
      room: "foundations",
      title: "Distilling the Knowledge in a Neural Network (2015)",
      kind: "paper",
      tags: ["paper", "hinton"],
      sourceUrl: "https://arxiv.org/abs/1503.02531",
      after: ["logit-regression"],
      notes: `Hinton, Vinyals and Dean showed that a small model trained to match the softened output distribution of a large model, or of an ensemble, learns much better than the same small model trained on labels alone. They named the process distillation and softened the outputs by raising the softmax temperature for teacher and student alike.

Their experiments distilled an ensemble of ten speech-recognition models into one model that kept most of the ensemble's gain, and showed that a student could even recognise a digit class it never saw in training from the teacher's soft targets alone.

**Picture:** a still on a lab bench slowly boiling a huge ensemble of flasks down into one small bottle of clear spirit.

**Number:** ten speech models distilled into one.`,
    },
    {
      key: "dark-knowledge",
      room: "foundations",
      title: "Dark knowledge",
      kind: "other",
      tags: ["soft targets", "similarity"],
      after: ["kd-paper"],
      notes: `Hinton's name for the information hidden in the small probabilities a trained model gives to wrong classes. An image of a 2 may get probability 1e-6 of being a 3 and 1e-9 of being a 7; those ratios say that this particular 2 looks somewhat like a 3 and hardly like a 7.

A one-hot label throws that similarity structure away. Soft targets pass it on, giving the student many more bits of information per example and a much smoother function to imitate, which is why distillation can work with less data.

**Picture:** a handwritten 2 held under ultraviolet light, faint shapes of a 3 glowing inside it and almost no trace of a 7.`,
    },
    {
      key: "temperature",
      room: "soft",
      title: "Softmax temperature",
      kind: "technique",
      tags: ["softmax", "temperature"],
      after: ["kd-paper"],
      diagram: temperatureDiagram,
      notes: `The softmax with temperature T is pᵢ = exp(zᵢ / T) / Σⱼ exp(zⱼ / T). At T = 1 it is the ordinary softmax; a higher T flattens the distribution so that the tiny probabilities of wrong classes become large enough to learn from.

In distillation teacher and student use the same raised temperature, typically between 2 and 20, when computing the soft-target loss; the student is then used at T = 1. Too low a temperature hides dark knowledge; too high makes every class look alike.

**Picture:** a thermostat on a wall of coloured bars: turn it up and the tall bar shrinks while the short ones rise to meet it.

**Number:** T between 2 and 20.`,
    },
    {
      key: "soft-targets",
      room: "soft",
      title: "Soft targets",
      kind: "other",
      tags: ["soft targets"],
      after: ["temperature", "dark-knowledge"],
      notes: `Soft targets are the teacher's full probability distributions used as training labels, as opposed to hard, one-hot labels. Because they vary smoothly from one example to the next and carry similarity information, the gradients they produce have much lower variance.

That is why a student can often be trained with a higher learning rate and far fewer examples when it learns from soft targets. They can also label unlabelled data: any input the teacher can process becomes a training example for the student, a large practical advantage.

**Picture:** a teacher grading with a dimmer switch instead of a tick: every answer gets some light, the right one the most.`,
    },
    {
      key: "kd-loss",
      room: "soft",
      title: "The distillation loss",
      kind: "loss",
      tags: ["loss", "kl divergence"],
      after: ["soft-targets", "logit-regression"],
      notes: `The soft-target loss is the Kullback–Leibler divergence, or equivalently the cross-entropy, between the teacher's and the student's temperature-softened distributions. It is multiplied by T², because the gradients of a softmax at temperature T shrink roughly as 1/T²; without the factor, changing the temperature would also change the loss's weight.

At high temperature, and if each example's logits are shifted to zero mean, the gradient of this loss approaches that of a squared error between the two sets of logits: Ba and Caruana's logit matching is its limiting case.

**Picture:** two sand dunes, the student's reshaped by wind until its outline traces the teacher's, with a T² weight holding down the tarpaulin.

**Number:** multiply by T².`,
    },
    {
      key: "hard-label-mix",
      room: "soft",
      title: "Mixing soft and hard labels",
      kind: "technique",
      tags: ["loss", "weighting"],
      after: ["kd-loss"],
      notes: `When true labels are available, the student's loss is usually a weighted sum: α times the distillation loss plus (1 − α) times the ordinary cross-entropy with the true label at temperature 1. The hard-label term corrects the teacher where it is wrong.

Hinton and colleagues found it best to give the hard-label term a considerably lower weight. In practice α between 0.5 and 0.9 is common, and it is worth tuning jointly with the temperature, since both decide how much the student trusts its teacher.

**Picture:** a recipe card reading "nine spoons of the teacher's sauce, one of the answer key".

**Number:** α between 0.5 and 0.9.`,
    },
    {
      key: "label-smoothing",
      room: "soft",
      title: "Label smoothing and distillation",
      kind: "technique",
      tags: ["regularisation", "soft targets"],
      after: ["soft-targets"],
      checks: [
        { calc: "smoothed-true", args: [0.1, 10], says: "0.91 on the true class" },
        { calc: "smoothed-other", args: [0.1, 10], says: "0.01 on each other class" },
      ],
      notes: `Label smoothing mixes the one-hot target with the uniform distribution: with weight ε = 0.1 and K = 10 classes the target becomes 0.91 on the true class and 0.01 on each other class (1 − ε + ε/K and ε/K). It acts like distillation from a teacher that knows nothing about which classes resemble each other.

Müller, Kornblith and Hinton showed that training a teacher with label smoothing makes its wrong-class probabilities more uniform, erasing much of the dark knowledge, so such teachers often distil worse even though they are more accurate themselves.

**Picture:** a pat of butter spread evenly across every slice of toast on the table, the true answer's slice keeping the thickest layer.

**Number:** ε = 0.1, K = 10: 0.91 and 0.01.`,
    },
    {
      key: "fitnets",
      room: "features",
      title: "FitNets: hints from hidden layers",
      kind: "technique",
      tags: ["features", "hints"],
      after: ["kd-loss"],
      diagram: hintDiagram,
      notes: `Romero and colleagues extended distillation to the inside of the network. A chosen intermediate layer of the teacher, the hint, supervises an intermediate layer of the student, the guided layer, through a mean-squared-error loss. A small learned regressor maps the student's features to the teacher's width when the two differ.

Training happens in two stages: first the student's lower layers learn to match the hint, then the whole student is trained with the ordinary distillation loss. This let students that were deeper and thinner than their teachers train well.

**Picture:** a thin, tall student standing on a box to look through the teacher's middle window, a translator between them adjusting the view.`,
    },
    {
      key: "attention-transfer",
      room: "features",
      title: "Attention transfer",
      kind: "technique",
      tags: ["features", "attention maps"],
      after: ["fitnets"],
      notes: `Zagoruyko and Komodakis compressed convolutional feature maps into spatial attention maps: for each position, the sum over channels of the absolute activations raised to a power, usually squared. The student is trained so that its normalised attention maps match the teacher's at several depths.

Because the maps have no channel dimension, teacher and student can have different widths without any adapter layer. The method transfers where the teacher looks rather than what it computes, and combines well with ordinary output distillation.

**Picture:** two heat maps laid over the same photograph, the student's warm patches slowly sliding to where the teacher's glow.`,
    },
    {
      key: "relational-kd",
      room: "features",
      title: "Relational knowledge distillation",
      kind: "technique",
      tags: ["features", "structure"],
      after: ["fitnets"],
      notes: `Instead of matching the teacher's output for each example separately, relational distillation, proposed by Park and colleagues, matches relations between examples. A distance-wise loss makes the student's pairwise distances between embeddings in a batch proportional to the teacher's; an angle-wise loss matches the angles formed by triplets.

Because only the structure of the embedding space is copied, the student's embeddings need not live in the same space or dimension as the teacher's. It works particularly well for metric learning and retrieval.

**Picture:** a constellation copied onto a new sky: the stars are different, but every distance and angle between them is the same.`,
    },
    {
      key: "crd",
      room: "features",
      title: "Contrastive representation distillation",
      kind: "technique",
      tags: ["features", "contrastive"],
      after: ["relational-kd"],
      notes: `Tian, Krishnan and Isola argued that matching outputs dimension by dimension ignores correlations between dimensions. Contrastive representation distillation trains the student so that its representation of an input can be told apart from the representations of other inputs using the teacher's representation of the same input, a contrastive objective that maximises a lower bound on their mutual information.

It uses a memory of many negative examples and, on benchmarks such as CIFAR-100, outperformed most earlier feature-based distillation methods, particularly across different architectures.

**Picture:** a police line-up where the student must pick out the teacher's description of the same face among thousands of strangers.`,
    },
    {
      key: "capacity-gap",
      room: "practice",
      title: "The capacity gap and teacher assistants",
      kind: "failure-mode",
      tags: ["teacher", "student"],
      after: ["teacher", "student"],
      notes: `Distillation does not improve steadily with the size of the teacher. When the teacher is far larger than the student, the student cannot imitate its function, and a medium teacher can produce a better student than a huge one.

Mirzadeh and colleagues proposed teacher assistants: distil the large teacher into an intermediate model, then distil that into the small student, possibly through several steps. Early stopping of the teacher, whose softer early predictions are easier to imitate, helps for the same reason.

**Picture:** a professor lecturing a toddler, while a teaching assistant translates the lecture into nursery rhymes.`,
    },
    {
      key: "patient-teacher",
      room: "practice",
      title: "Patient and consistent teachers",
      kind: "technique",
      tags: ["training", "augmentation"],
      sourceUrl: "https://arxiv.org/abs/2106.05237",
      after: ["capacity-gap", "kd-loss"],
      notes: `Beyer and colleagues found that distillation of image models works far better when treated as function matching. Consistent: teacher and student see exactly the same augmented view of each image, the same crop and the same mixup, instead of the teacher's labels being computed once on clean images. Patient: the student trains for a very long time, hundreds or thousands of epochs, under aggressive augmentation.

With this recipe they distilled a large BiT model into a ResNet-50 that reached 82.8% top-1 accuracy on ImageNet, a record for that architecture at the time.

**Picture:** a teacher and a pupil sharing one pair of binoculars, taking turns at the same view, for a very long afternoon.

**Number:** 82.8% ImageNet top-1 for a ResNet-50.`,
    },
    {
      key: "born-again",
      room: "practice",
      title: "Self-distillation and born-again networks",
      kind: "technique",
      tags: ["self-distillation"],
      after: ["student"],
      notes: `Distillation helps even when the student is exactly as large as the teacher. Furlanello and colleagues trained a network, used it as the teacher of an identical fresh network, and repeated: these born-again networks outperformed their teachers on image and language tasks.

The gains suggest that soft targets act as a strong, data-dependent regulariser, not only as a way to squeeze capacity. Self-distillation also appears inside single models, where deeper layers teach shallower exits, and in self-supervised methods such as DINO.

**Picture:** a set of Russian dolls all the same size, each daughter a little wiser than the mother she learned from.`,
    },
    {
      key: "mutual-learning",
      room: "practice",
      title: "Online and mutual distillation",
      kind: "technique",
      tags: ["online", "peers"],
      after: ["born-again"],
      notes: `Classic distillation needs a fully trained teacher first. In deep mutual learning, proposed by Zhang and colleagues, several students train together from scratch, each adding to its own cross-entropy a KL term towards the others' predictions, so they teach one another as they learn.

Even a cohort of two small networks ends up better than either trained alone. Related online methods distil an on-the-fly ensemble of branches into each branch, saving the separate teacher-training stage entirely.

**Picture:** two students swapping notebooks across a desk after every lesson, with no teacher in the room.`,
    },
    {
      key: "data-free",
      room: "practice",
      title: "Data-free distillation",
      kind: "technique",
      tags: ["privacy", "synthetic data"],
      notes: `Sometimes the teacher is available but its training data is not, for privacy, licensing or size reasons. Data-free distillation synthesises inputs instead. DeepInversion optimises random noise images until their activations match the mean and variance stored in the teacher's batch-normalisation layers, producing surprisingly natural pictures.

Generator-based methods train a network to produce inputs on which teacher and student disagree most, then train the student on them. Results trail distillation with real data but beat training the student without the teacher.

**Picture:** a sketch artist drawing pictures out of noise until the teacher's batch-norm meters twitch exactly as they did during training.`,
    },
    {
      key: "deit",
      room: "practice",
      title: "DeiT's distillation token",
      kind: "technique",
      tags: ["vision transformer", "tokens"],
      sourceUrl: "https://arxiv.org/abs/2012.12877",
      after: ["hard-label-mix", "patient-teacher"],
      diagram: deitDiagram,
      notes: `Touvron and colleagues trained vision transformers on ImageNet alone, without the huge private datasets earlier ViTs needed, in under three days on one 8-GPU machine. Part of the recipe is a distillation token: an extra learned token that travels through the transformer beside the class token, with its own output head trained to predict the teacher's label while the class head predicts the true label.

A convolutional teacher worked better than a transformer teacher, perhaps by passing on its built-in bias towards local patterns, and hard teacher labels beat soft ones here. At test time both heads are averaged.

**Picture:** two ribbons threaded through a loom side by side, one dyed by the answer key and one by the teacher's pen.`,
    },
    {
      key: "distilbert",
      room: "language",
      title: "DistilBERT",
      kind: "paper",
      tags: ["nlp", "bert"],
      sourceUrl: "https://arxiv.org/abs/1910.01108",
      after: ["kd-loss"],
      notes: `Sanh and colleagues at Hugging Face distilled BERT-base into a model with half the layers, initialised by taking every other layer of the teacher. The student was trained during pretraining, not just on a final task, with a triple loss: distillation over the masked-word predictions, the usual masked-language-model loss, and a cosine loss aligning hidden states.

The result was 40% smaller and 60% faster while keeping about 97% of BERT's score on the GLUE language-understanding benchmark.

**Picture:** BERT sawn in half lengthwise, the slimmer twin keeping every other floor and still scoring 97 on the exam.

**Number:** 40% smaller, 60% faster, 97% of the score.`,
    },
    {
      key: "sequence-kd",
      room: "language",
      title: "Sequence-level distillation",
      kind: "technique",
      tags: ["nlp", "generation"],
      after: ["kd-loss"],
      notes: `For models that generate sequences, matching the teacher's distribution at every token is word-level distillation. Kim and Rush proposed sequence-level distillation: run the teacher with beam search on the training inputs and train the student on those outputs as if they were the references.

The teacher's outputs are simpler and more consistent than human references, so the student learns faster and often needs no beam search itself. Fine-tuning small language models on text generated by a large one is the same idea at scale.

**Picture:** a student copying out the teacher's fair copy of each translation rather than the messy originals.`,
    },
    {
      key: "forward-reverse-kl",
      room: "language",
      title: "Forward or reverse KL for language models",
      kind: "loss",
      tags: ["nlp", "kl divergence", "generation"],
      after: ["sequence-kd", "kd-loss"],
      diagram: klDiagram,
      notes: `Standard distillation minimises the forward KL divergence from teacher p to student q, summed over the teacher's distribution. It punishes the student wherever the teacher puts mass and the student does not, so a small student spreads itself thin to cover everything, including regions the teacher rarely visits, and can generate bland or odd text there.

The reverse KL, KL(q‖p), is taken over the student's own outputs and punishes putting mass where the teacher would not: the student settles on a few modes it can do well. MiniLLM uses it; on-policy methods such as GKD train on sequences the student itself generates.

**Picture:** a blanket thrown over two sleeping dogs (forward KL) beside a small cushion placed neatly under just one of them (reverse KL).`,
    },
  ],
  links: [
    { from: "kd-paper", to: "dark-knowledge", label: "named" },
    { from: "teacher", to: "student", label: "teaches" },
    { from: "ensemble-distillation", to: "teacher", label: "uses an ensemble as" },
    { from: "logit-regression", to: "kd-loss", label: "is the high-temperature limit of" },
    { from: "dark-knowledge", to: "soft-targets", label: "carried by" },
    { from: "temperature", to: "soft-targets", label: "softens" },
    { from: "soft-targets", to: "kd-loss", label: "matched by" },
    { from: "kd-loss", to: "hard-label-mix", label: "weighted in" },
    { from: "label-smoothing", to: "dark-knowledge", label: "erases" },
    { from: "fitnets", to: "kd-loss", label: "adds hints to" },
    { from: "attention-transfer", to: "fitnets", label: "channel-free form of" },
    { from: "relational-kd", to: "crd", label: "also compares examples with each other, as does" },
    { from: "crd", to: "student", label: "shapes representation of" },
    { from: "capacity-gap", to: "teacher", label: "limits" },
    { from: "patient-teacher", to: "capacity-gap", label: "narrows with long, consistent training" },
    { from: "born-again", to: "student", label: "student as large as teacher" },
    { from: "mutual-learning", to: "born-again", label: "peers instead of generations" },
    { from: "data-free", to: "teacher", label: "needs only" },
    { from: "deit", to: "hard-label-mix", label: "splits the two terms across two tokens" },
    { from: "distilbert", to: "kd-loss", label: "applies" },
    { from: "sequence-kd", to: "distilbert", label: "another route for language" },
    { from: "forward-reverse-kl", to: "sequence-kd", label: "decides what the student imitates, as does" },
    { from: "kd-paper", to: "temperature", label: "raised" },
  ],
});
