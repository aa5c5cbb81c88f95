// Starter palace: knowledge distillation, from Hinton's soft targets to feature matching and
// the practical variants used to shrink today's models.
import { defineTemplate } from "./template-kit";

export const distillation = defineTemplate({
  title: "Knowledge distillation",
  description:
    "How a small student network learns from a large teacher: why soft targets carry more than labels, how temperature and the distillation loss work, what can be matched beyond the outputs, and the variants used to compress real models.",
  rooms: [
    { key: "foundations", name: "Schoolhouse of Teachers and Students", gridX: 0, gridZ: 0, width: 10, depth: 10, height: 3.5, theme: "ivory" },
    { key: "soft", name: "Hall of Soft Targets", gridX: 10, gridZ: 0, width: 10, depth: 10, height: 4, theme: "sandstone" },
    { key: "features", name: "Mirror Room of Features", gridX: 20, gridZ: 0, width: 10, depth: 10, height: 4, theme: "indigo" },
    { key: "practice", name: "Workshop of Variants", gridX: 30, gridZ: 0, width: 12, depth: 10, height: 4, theme: "moss" },
  ],
  doors: [
    { a: "foundations", b: "soft", position: 5 },
    { a: "soft", b: "features", position: 5 },
    { a: "features", b: "practice", position: 5 },
  ],
  concepts: [
    {
      key: "kd-paper",
      room: "foundations",
      title: "Distilling the Knowledge in a Neural Network (2015)",
      kind: "paper",
      tags: ["paper", "hinton"],
      sourceUrl: "https://arxiv.org/abs/1503.02531",
      notes: `Hinton, Vinyals and Dean showed that a small model trained to match the softened output distribution of a large model, or of an ensemble, learns much better than the same small model trained on labels alone. They named the process distillation and introduced the temperature-scaled softmax that makes it work.

Their experiments distilled an ensemble of speech-recognition models into one model that kept most of the ensemble's gain, and showed that a student could even learn digits it never saw in training from the teacher's soft targets alone.`,
    },
    {
      key: "teacher",
      room: "foundations",
      title: "The teacher model",
      kind: "other",
      tags: ["teacher"],
      notes: `The teacher is a large, accurate model, or an ensemble of models, that has already been trained. During distillation its weights are frozen and it only runs forward passes to produce targets for the student, so its outputs can even be computed once and stored.

A better teacher does not always make a better student: a teacher that is extremely confident gives soft targets close to one-hot labels and teaches little more than the labels do. Teachers trained with strong regularisation or label smoothing can also distil worse than expected.`,
    },
    {
      key: "student",
      room: "foundations",
      title: "The student model",
      kind: "other",
      tags: ["student", "compression"],
      notes: `The student is the model you actually want to deploy: smaller, faster or cheaper than the teacher. It is usually a shallower or narrower version of the same architecture family, but nothing requires that; a convolutional teacher can train a transformer student and the other way round.

Because it learns from the teacher's full output distribution rather than single labels, a student typically reaches higher accuracy than the same architecture trained from scratch on the same data, sometimes closing most of the gap to the teacher.`,
    },
    {
      key: "dark-knowledge",
      room: "foundations",
      title: "Dark knowledge",
      kind: "other",
      tags: ["soft targets", "similarity"],
      notes: `Hinton's name for the information hidden in the small probabilities a trained model gives to wrong classes. An image of a 2 may get probability 1e-6 of being a 3 and 1e-9 of being a 7; those ratios say that this particular 2 looks somewhat like a 3 and hardly like a 7.

A one-hot label throws that similarity structure away. Soft targets pass it on, giving the student many more bits of information per example and a much smoother function to imitate, which is why distillation can work with less data.`,
    },
    {
      key: "ensemble-distillation",
      room: "foundations",
      title: "Distilling an ensemble",
      kind: "technique",
      tags: ["ensembles", "compression"],
      notes: `Averaging the predictions of several independently trained models is one of the most reliable ways to gain accuracy, but serving them multiplies the cost. Distillation collapses the ensemble into a single model by training it on the ensemble's averaged soft predictions.

The idea predates the name: Buciluǎ, Caruana and Niculescu-Mizil compressed large ensembles into small networks in 2006 by labelling extra, partly synthetic data with the ensemble. The distilled model usually keeps much of the ensemble's accuracy, though its uncertainty estimates are typically less well calibrated.`,
    },
    {
      key: "temperature",
      room: "soft",
      title: "Softmax temperature",
      kind: "technique",
      tags: ["softmax", "temperature"],
      notes: `The softmax with temperature T is pᵢ = exp(zᵢ / T) / Σⱼ exp(zⱼ / T). At T = 1 it is the ordinary softmax; a higher T flattens the distribution so that the tiny probabilities of wrong classes become large enough to learn from.

In distillation both teacher and student use the same raised temperature, typically between 2 and 20, while computing the soft-target loss. After training the student predicts at T = 1. Too low a temperature hides dark knowledge; too high makes every class look alike.`,
    },
    {
      key: "soft-targets",
      room: "soft",
      title: "Soft targets",
      kind: "other",
      tags: ["soft targets"],
      notes: `Soft targets are the teacher's full probability distributions used as training labels, as opposed to hard, one-hot labels. Because they vary smoothly from one example to the next and carry similarity information, the gradients they produce have much lower variance.

That is why a student can often be trained with a higher learning rate and far fewer examples when it learns from soft targets. They can also label unlabelled data: any input the teacher can process becomes a training example for the student, a large practical advantage.`,
    },
    {
      key: "kd-loss",
      room: "soft",
      title: "The distillation loss",
      kind: "loss",
      tags: ["loss", "kl divergence"],
      notes: `The soft-target loss is the Kullback–Leibler divergence, or equivalently the cross-entropy, between the teacher's and the student's temperature-softened distributions. It is multiplied by T², because the gradients of a softmax at temperature T shrink roughly as 1/T²; without the factor, changing the temperature would also change the loss's weight.

Matching logits directly with mean squared error is the limit of this loss at high temperature, and works well too, particularly when the logits' scales are comparable.`,
    },
    {
      key: "hard-label-mix",
      room: "soft",
      title: "Mixing soft and hard labels",
      kind: "technique",
      tags: ["loss", "weighting"],
      notes: `When true labels are available, the student's loss is usually a weighted sum: α times the distillation loss plus (1 − α) times the ordinary cross-entropy with the true label at temperature 1. The hard-label term corrects the teacher where it is wrong.

Hinton and colleagues found it best to give the hard-label term a considerably lower weight. In practice α between 0.5 and 0.9 is common, and it is worth tuning jointly with the temperature, since both decide how much the student trusts its teacher.`,
    },
    {
      key: "label-smoothing",
      room: "soft",
      title: "Label smoothing and distillation",
      kind: "technique",
      tags: ["regularisation", "soft targets"],
      notes: `Label smoothing replaces a one-hot target with a mix of it and the uniform distribution, for example 0.9 on the true class and the remaining 0.1 spread over the others. It can be seen as distillation from a teacher that knows nothing about which classes resemble each other.

Müller, Kornblith and Hinton showed that training a teacher with label smoothing makes its wrong-class probabilities more uniform, erasing much of the dark knowledge, so such teachers often distil worse even though they are more accurate themselves.`,
    },
    {
      key: "fitnets",
      room: "features",
      title: "FitNets: hints from hidden layers",
      kind: "technique",
      tags: ["features", "hints"],
      notes: `Romero and colleagues extended distillation to the inside of the network. A chosen intermediate layer of the teacher, the hint, supervises an intermediate layer of the student, the guided layer, through a mean-squared-error loss. A small learned regressor maps the student's features to the teacher's width when the two differ.

Training happens in two stages: first the student's lower layers learn to match the hint, then the whole student is trained with the ordinary distillation loss. This let students that were deeper and thinner than their teachers train well.`,
    },
    {
      key: "attention-transfer",
      room: "features",
      title: "Attention transfer",
      kind: "technique",
      tags: ["features", "attention maps"],
      notes: `Zagoruyko and Komodakis compressed convolutional feature maps into spatial attention maps: for each position, the sum over channels of the absolute activations raised to a power, usually squared. The student is trained so that its normalised attention maps match the teacher's at several depths.

Because the maps have no channel dimension, teacher and student can have different widths without any adapter layer. The method transfers where the teacher looks rather than what it computes, and combines well with ordinary output distillation.`,
    },
    {
      key: "relational-kd",
      room: "features",
      title: "Relational knowledge distillation",
      kind: "technique",
      tags: ["features", "structure"],
      notes: `Instead of matching the teacher's output for each example separately, relational distillation, proposed by Park and colleagues, matches relations between examples. A distance-wise loss makes the student's pairwise distances between embeddings in a batch proportional to the teacher's; an angle-wise loss matches the angles formed by triplets.

Because only the structure of the embedding space is copied, the student's embeddings need not live in the same space or dimension as the teacher's. It works particularly well for metric learning and retrieval.`,
    },
    {
      key: "crd",
      room: "features",
      title: "Contrastive representation distillation",
      kind: "technique",
      tags: ["features", "contrastive"],
      notes: `Tian, Krishnan and Isola argued that matching outputs dimension by dimension ignores correlations between dimensions. Contrastive representation distillation trains the student so that its representation of an input can be told apart from the representations of other inputs using the teacher's representation of the same input, a contrastive objective that maximises a lower bound on their mutual information.

It uses a memory of many negative examples and, on benchmarks such as CIFAR-100, outperformed most earlier feature-based distillation methods, particularly across different architectures.`,
    },
    {
      key: "capacity-gap",
      room: "practice",
      title: "The capacity gap and teacher assistants",
      kind: "failure-mode",
      tags: ["teacher", "student"],
      notes: `Distillation does not improve steadily with the size of the teacher. When the teacher is far larger than the student, the student cannot imitate its function, and a medium teacher can produce a better student than a huge one.

Mirzadeh and colleagues proposed teacher assistants: distil the large teacher into an intermediate model, then distil that into the small student, possibly through several steps. Early stopping of the teacher, whose softer early predictions are easier to imitate, helps for the same reason.`,
    },
    {
      key: "born-again",
      room: "practice",
      title: "Self-distillation and born-again networks",
      kind: "technique",
      tags: ["self-distillation"],
      notes: `Distillation helps even when the student is exactly as large as the teacher. Furlanello and colleagues trained a network, used it as the teacher of an identical fresh network, and repeated: these born-again networks outperformed their teachers on image and language tasks.

The gains suggest that soft targets act as a strong, data-dependent regulariser, not only as a way to squeeze capacity. Self-distillation also appears inside single models, where deeper layers teach shallower exits, and in self-supervised methods such as DINO.`,
    },
    {
      key: "mutual-learning",
      room: "practice",
      title: "Online and mutual distillation",
      kind: "technique",
      tags: ["online", "peers"],
      notes: `Classic distillation needs a fully trained teacher first. In deep mutual learning, proposed by Zhang and colleagues, several students train together from scratch, each adding to its own cross-entropy a KL term towards the others' predictions, so they teach one another as they learn.

Even a cohort of two small networks ends up better than either trained alone. Related online methods distil an on-the-fly ensemble of branches into each branch, saving the separate teacher-training stage entirely.`,
    },
    {
      key: "data-free",
      room: "practice",
      title: "Data-free distillation",
      kind: "technique",
      tags: ["privacy", "synthetic data"],
      notes: `Sometimes the teacher is available but its training data is not, for privacy, licensing or size reasons. Data-free distillation synthesises inputs instead. DeepInversion optimises random noise images until their activations match the mean and variance stored in the teacher's batch-normalisation layers, producing surprisingly natural pictures.

Generator-based methods train a network to produce inputs on which teacher and student disagree most, then train the student on them. Results trail distillation with real data but beat training the student without the teacher.`,
    },
    {
      key: "distilbert",
      room: "practice",
      title: "DistilBERT",
      kind: "paper",
      tags: ["nlp", "bert"],
      sourceUrl: "https://arxiv.org/abs/1910.01108",
      notes: `Sanh and colleagues at Hugging Face distilled BERT-base into a model with half the layers, initialised by taking every other layer of the teacher. The student was trained during pretraining, not just on a final task, with a triple loss: distillation over the masked-word predictions, the usual masked-language-model loss, and a cosine loss aligning hidden states.

The result was 40% smaller and 60% faster while keeping about 97% of BERT's score on the GLUE language-understanding benchmark.`,
    },
    {
      key: "sequence-kd",
      room: "practice",
      title: "Sequence-level distillation",
      kind: "technique",
      tags: ["nlp", "generation"],
      notes: `For models that generate sequences, matching the teacher's distribution at every token is word-level distillation. Kim and Rush proposed sequence-level distillation: run the teacher with beam search on the training inputs and train the student on those outputs as if they were the references.

The teacher's outputs are simpler and more consistent than human references, so the student learns faster and often needs no beam search itself. Fine-tuning small language models on text generated by a large one is the same idea at scale.`,
    },
  ],
  links: [
    { from: "kd-paper", to: "dark-knowledge", label: "named" },
    { from: "teacher", to: "student", label: "teaches" },
    { from: "ensemble-distillation", to: "teacher", label: "uses an ensemble as" },
    { from: "dark-knowledge", to: "soft-targets", label: "carried by" },
    { from: "temperature", to: "soft-targets", label: "softens" },
    { from: "soft-targets", to: "kd-loss", label: "matched by" },
    { from: "kd-loss", to: "hard-label-mix", label: "weighted in" },
    { from: "label-smoothing", to: "dark-knowledge", label: "erases" },
    { from: "fitnets", to: "kd-loss", label: "adds hints to" },
    { from: "attention-transfer", to: "fitnets", label: "channel-free form of" },
    { from: "relational-kd", to: "crd", label: "structure, like" },
    { from: "crd", to: "student", label: "shapes representation of" },
    { from: "capacity-gap", to: "teacher", label: "limits" },
    { from: "born-again", to: "student", label: "student as large as teacher" },
    { from: "mutual-learning", to: "born-again", label: "peers instead of generations" },
    { from: "data-free", to: "teacher", label: "needs only" },
    { from: "distilbert", to: "kd-loss", label: "applies" },
    { from: "sequence-kd", to: "distilbert", label: "another route for language" },
    { from: "kd-paper", to: "temperature", label: "introduced" },
  ],
});
