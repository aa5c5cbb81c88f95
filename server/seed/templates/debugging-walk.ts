// Starter palace: a checklist for a network that will not learn, walked in the order the
// checks are cheapest to run: data, model, loss, optimisation, evaluation.
import { bars, grid, HUES, plot, sample, sketch, text } from "../diagrams";
import { defineTemplate } from "./template-kit";

const pairingDiagram = plot("Real labels against shuffled labels", {
  xLabel: "training steps",
  yLabel: "validation accuracy (%)",
  xMax: 100,
  yMax: 100,
  series: [
    { label: "real pairs", points: sample((t) => 10 + 75 * (1 - Math.exp(-t / 18)), 100) },
    { label: "shuffled: chance, 10%", points: sample(() => 10, 100), dashed: true },
  ],
});

const zeroedDiagram = plot("Zeroed inputs against real inputs", {
  xLabel: "training steps",
  yLabel: "validation loss",
  xMax: 100,
  yMax: 2.5,
  series: [
    { label: "inputs set to zero", points: sample((t) => 1.4 + 0.9 * Math.exp(-t / 10), 100), dashed: true },
    { label: "real inputs", points: sample((t) => 0.35 + 1.95 * Math.exp(-t / 25), 100) },
  ],
});

const INITIAL_CLASSES = [2, 10, 100, 1000];
const initialLossDiagram = bars(
  "Cross-entropy of a uniform guess: ln C",
  INITIAL_CLASSES.map((c, i) => ({ label: `${c} classes`, value: Math.log(c), shown: Math.log(c).toFixed(2), fill: [HUES.green, HUES.blue, HUES.amber, HUES.rose][i] })),
);

const batchDiagram = plot("Overfitting one batch: what the loss should do", {
  xLabel: "steps on the same batch",
  yLabel: "training loss",
  xMax: 300,
  yMax: 2.5,
  series: [
    { label: "working pipeline", points: sample((t) => 2.3 * Math.exp(-t / 40), 300) },
    { label: "learning rate too low", points: sample((t) => 2.3 * Math.exp(-t / 400), 300), dashed: true },
    { label: "bug", points: sample((t) => 1.6 + 0.7 * Math.exp(-t / 30), 300) },
  ],
});

const CONFUSION = [
  [48, 1, 0, 1],
  [2, 31, 16, 1],
  [0, 14, 35, 1],
  [1, 0, 2, 47],
];
const CLASSES = ["cat", "wolf", "husky", "car"];
const confusionDiagram = sketch("A confusion matrix points at the errors", [
  grid(270, 110, 4, 70, (r, c) => (r === c ? HUES.green : CONFUSION[r]![c]! > 10 ? HUES.rose : null)),
  ...CONFUSION.flatMap((row, r) => row.map((v, c) => text(305 + c * 70, 145 + r * 70, String(v), { size: 20 }))),
  ...CLASSES.flatMap((name, i) => [text(255, 145 + i * 70, name, { size: 16, anchor: "end" }), text(305 + i * 70, 95, name, { size: 16 })]),
  text(130, 250, "true class", { size: 16 }),
  text(410, 420, "predicted class; rose cells: wolves and huskies confused", { size: 16 }),
]);

export const debuggingWalk = defineTemplate({
  title: "Why is my network not learning? A debugging walk",
  description:
    "A walk through the checks that find most training bugs, in the order they are cheapest to run: look at the data, make sure the model uses its inputs and its weights, check that the loss means what you think, make the optimiser fit one batch and then watch it, and only then trust the evaluation.",
  rooms: [
    { key: "data", name: "Data Cellar", gridX: 0, gridZ: 0, width: 10, depth: 10, height: 3.5, theme: "terracotta" },
    { key: "model", name: "Model Workshop", gridX: 10, gridZ: 0, width: 10, depth: 10, height: 4, theme: "slate" },
    { key: "loss", name: "Loss Laboratory", gridX: 20, gridZ: 0, width: 10, depth: 10, height: 4, theme: "ivory" },
    { key: "optim", name: "Engine Room of Optimisation", gridX: 20, gridZ: 10, width: 10, depth: 10, height: 4.5, theme: "indigo" },
    { key: "eval", name: "Observatory of Evaluation", gridX: 10, gridZ: 10, width: 10, depth: 10, height: 5, theme: "moss" },
  ],
  doors: [
    { a: "data", b: "model", position: 5 },
    { a: "model", b: "loss", position: 5 },
    { a: "loss", b: "optim", position: 25 },
    { a: "optim", b: "eval", position: 15 },
  ],
  concepts: [
    {
      key: "look-at-data",
      room: "data",
      title: "Look at the batches the model sees",
      kind: "technique",
      tags: ["data", "first step"],
      notes: `Before touching the model, take a batch exactly as it leaves the data loader, after every transform, and look at it: decode images back to pixels, tokens back to text, and print the labels next to them. Check shapes, dtypes, value ranges and a histogram of labels.

Most training bugs are visible here in minutes: images that are all black after a wrong normalisation, crops that cut off the object, text truncated to its padding, labels that are all the same class. Inspecting the raw files is not enough; the pipeline is where things break.

**Picture:** a customs officer opening a crate straight off the conveyor belt and holding each item up to the light beside its label.`,
    },
    {
      key: "label-misalignment",
      room: "data",
      title: "Labels shuffled apart from their inputs",
      kind: "failure-mode",
      tags: ["data", "labels"],
      after: ["look-at-data"],
      diagram: pairingDiagram,
      notes: `If inputs and labels are shuffled, sorted or filtered separately, every example ends up with someone else's label. The training loss still falls, because deep networks can memorise even random labels, so a model fitting a tiny set proves nothing here; validation accuracy stays at chance.

Typical causes: arrays shuffled by different generators, or corrupt images dropped without their labels. Checks that work: print pairs and look at them; train briefly twice, once with the real labels and once with labels shuffled on purpose. Correct pairs learn much faster and beat chance on validation; if both runs look alike, the pairing is already broken.

**Picture:** a cloakroom where every coat comes back on the wrong guest, and the attendant still looks busy.`,
    },
    {
      key: "normalisation-mismatch",
      room: "data",
      title: "Preprocessing differs between training and serving",
      kind: "failure-mode",
      tags: ["data", "preprocessing"],
      after: ["look-at-data"],
      notes: `A model learns the input distribution it was trained on. If validation, test or production inputs are resized, normalised or tokenised differently, accuracy drops with no error message: pixels in 0–255 instead of 0–1, BGR instead of RGB, a different tokenizer version, features scaled with statistics recomputed on the test set.

Keep one preprocessing function shared by every path, save its parameters with the model, and add a test that feeds the same raw example through the training and serving code and compares the tensors.

**Picture:** a chef who practised with a metric scale handed an imperial one on opening night.`,
    },
    {
      key: "val-augmentation",
      room: "data",
      title: "Augmentation left on for validation",
      kind: "failure-mode",
      tags: ["data", "augmentation", "evaluation"],
      after: ["look-at-data"],
      notes: `Random crops, flips, colour jitter and masking belong to the training set only. When the same transform pipeline is reused for validation, scores come out lower than they should and change from one evaluation to the next, so checkpoints are chosen by noise and comparisons between runs mean little.

Give validation and test a deterministic pipeline, typically a resize and a centre crop with the same normalisation as training, and assert that evaluating twice gives identical numbers. Test-time augmentation is a different, deliberate technique: several fixed views whose predictions are averaged.

**Picture:** an examiner who spins the exam paper to a random angle before each student reads it.`,
    },
    {
      key: "class-imbalance",
      room: "data",
      title: "Class imbalance",
      kind: "failure-mode",
      tags: ["data", "metrics"],
      after: ["look-at-data"],
      notes: `When one class dominates, a network can reach high accuracy by always predicting it. With 99% negatives, 99% accuracy means nothing; the loss falls quickly and then stalls while the minority class is ignored.

Check the label histogram first. Remedies include resampling so batches are more balanced, weighting the loss by inverse class frequency, focal loss, and choosing metrics that expose the problem: per-class recall, precision–recall curves, balanced accuracy or F1. Adjusting the decision threshold after training is often the cheapest fix of all.

**Picture:** a seesaw with ninety-nine elephants on one end and a single mouse on the other.

**Number:** 99% accuracy from always answering "negative".`,
    },
    {
      key: "leakage",
      room: "data",
      title: "Leakage between training and validation",
      kind: "failure-mode",
      tags: ["data", "evaluation"],
      notes: `Leakage is when information from the validation or test set reaches training, making scores look far better than real-world performance. Common routes: near-duplicate images in both splits, the same patient or user on both sides, random splits of time series that let the model see the future, and normalisation statistics computed on all data.

Split by the unit that must generalise (patient, user, document, time period), deduplicate before splitting, and fit every preprocessing step on the training split only. Suspiciously good results deserve the same scrutiny as bad ones.

**Picture:** a student who found the answer sheet taped under the exam desk, scoring a perfect mark.`,
    },
    {
      key: "zeroed-input",
      room: "model",
      title: "Input-independent baseline",
      kind: "technique",
      tags: ["model", "sanity check"],
      diagram: zeroedDiagram,
      notes: `Train the same model once with every input replaced by zeros. It can then only learn the label distribution, so its loss settles at the loss of predicting class frequencies. Now train with the real inputs: the model must do clearly better.

If it does not, the network is not using its inputs at all: a detached tensor, a data loader that returns the wrong field, inputs scaled to nothing, or an input layer that is never connected. This check takes minutes and rules out a whole class of silent bugs before you tune anything.

**Picture:** a fortune teller blindfolded and given an empty envelope, guessing as well as with the letter inside.`,
    },
    {
      key: "dead-relus",
      room: "model",
      title: "Bad initialisation and dead ReLUs",
      kind: "failure-mode",
      tags: ["model", "initialisation"],
      notes: `Weights initialised too large make activations and gradients explode layer by layer; too small, and they vanish. He initialisation (variance 2 / fan-in) suits ReLU networks, Glorot initialisation suits tanh and sigmoid. Library defaults are usually sensible, but custom layers often bypass them.

A ReLU unit whose input is negative for every example outputs zero and receives zero gradient, so it never recovers. Log the fraction of zero activations per layer; if most units are dead, lower the learning rate, check the initialisation, or try leaky ReLU or GELU.

**Picture:** a switchboard with most of its bulbs burnt out, only a few still flickering.

**Number:** He variance 2 / fan-in.`,
    },
    {
      key: "train-eval-mode",
      room: "model",
      title: "Forgotten training or evaluation mode",
      kind: "failure-mode",
      tags: ["model", "pytorch", "batchnorm"],
      notes: `Dropout and batch normalisation behave differently in training and evaluation. In PyTorch, model.train() and model.eval() switch them. Evaluating in training mode adds dropout noise and normalises with the current batch's statistics, so results fluctuate and depend on batch size. Training in evaluation mode silently disables dropout and freezes batch-norm statistics.

Set the mode explicitly at the start of every training and evaluation loop, not once at the top of the script. Also wrap evaluation in torch.no_grad() or inference_mode() to save memory.

**Picture:** an actor still wearing rehearsal clothes and a script in hand on opening night.`,
    },
    {
      key: "broadcasting",
      room: "model",
      title: "Shape bugs hidden by broadcasting",
      kind: "failure-mode",
      tags: ["model", "shapes"],
      notes: `Broadcasting lets arrays of different shapes combine without error, which also hides mistakes. Subtracting targets of shape (N,) from predictions of shape (N, 1) yields an N × N matrix, and a mean over it gives a plausible-looking but meaningless loss. Similarly, a view() or reshape() that reorders axes instead of transposing them scrambles data without complaint.

Assert shapes at module boundaries, name the axes in comments or with einops, and check that the loss of a single example equals what you compute by hand.

**Picture:** a column of 32 soldiers and a row of 32 flags that silently multiply into a parade ground of 1,024 pairs.`,
    },
    {
      key: "pretrained-weights",
      room: "model",
      title: "Pretrained weights not loaded, or frozen by mistake",
      kind: "failure-mode",
      tags: ["model", "fine-tuning"],
      after: ["train-eval-mode"],
      notes: `Fine-tuning goes wrong quietly in two ways. Loading a checkpoint with strict checking off can skip every weight whose name does not match, for instance because of a "module." prefix left by data-parallel training, so the model trains from random weights. Always print the missing and unexpected keys.

The opposite bug is a layer left frozen: requires_grad switched off for a warm-up stage and never switched back, or an optimiser created before unfreezing, so those parameters are never in it. Count the trainable parameters and check that the optimiser holds all of them.

**Picture:** a removal van delivering a grand piano still locked inside its crate, next to an empty room where the piano should be.`,
    },
    {
      key: "initial-loss",
      room: "loss",
      title: "Check the loss at initialisation",
      kind: "technique",
      tags: ["loss", "sanity check"],
      diagram: initialLossDiagram,
      checks: [
        { calc: "ln", args: [10], says: "2.30" },
        { calc: "ln", args: [1000], says: "6.91" },
      ],
      notes: `Before any training step, the loss should match what an uninformed model would score. For softmax cross-entropy over C balanced classes that is ln C: about 2.30 for 10 classes and 6.91 for 1000. For a regression target standardised to unit variance, mean squared error should be close to 1.

A much higher starting loss means the network is confidently wrong at initialisation, often from a badly scaled final layer. Initialising the last layer's bias to the log of the class frequencies removes the wasted first phase of training.

**Picture:** a racing car on the starting grid whose fuel gauge must read exactly "ln C" before the flag drops.

**Number:** ln 10 ≈ 2.30.`,
    },
    {
      key: "double-softmax",
      room: "loss",
      title: "Softmax applied twice",
      kind: "failure-mode",
      tags: ["loss", "pytorch"],
      after: ["initial-loss"],
      notes: `PyTorch's CrossEntropyLoss and Keras losses with from_logits=True expect raw scores and apply log-softmax themselves. Adding a softmax layer before them squashes the logits into 0–1, so the loss can barely move: gradients shrink, training crawls, and the loss plateaus well above zero.

The same trap exists for binary problems: BCEWithLogitsLoss expects logits, BCELoss expects probabilities. Keep the model's output as logits, use the fused loss for numerical stability, and apply softmax or sigmoid only when you need probabilities for reporting.

**Picture:** orange juice squeezed, poured back into the orange and squeezed again, coming out thin and watery.`,
    },
    {
      key: "loss-reduction",
      room: "loss",
      title: "Loss reduction, masking and scaling",
      kind: "loss",
      tags: ["loss", "masking"],
      notes: `Summing a loss instead of averaging it multiplies every gradient by the batch size. For SGD and momentum that acts like a learning rate 256 times larger at batch 256, and changing batch size or gradient accumulation silently changes training. Adam-style optimisers divide by the gradient's own scale, so a constant factor mostly cancels; ε, a coupled L2 penalty and gradient-clipping thresholds still notice it.

With padding, average over real tokens only, using a mask. When combining losses, compare their magnitudes: a term a thousand times larger decides everything.

**Picture:** a bathroom scale that reads one kilogram per passenger, or one for the whole bus, depending on a hidden switch.

**Number:** sum over 256 = 256 × the SGD step.`,
    },
    {
      key: "nan-loss",
      room: "loss",
      title: "NaN and infinite losses",
      kind: "failure-mode",
      tags: ["loss", "numerics"],
      after: ["double-softmax"],
      notes: `A loss that turns into NaN usually comes from log(0), division by zero, the square root of zero in a backward pass, overflow in exp, or a learning rate so high that weights diverge. Once one NaN appears it spreads through every weight in a single step.

Use numerically stable fused operations (log-softmax, logits-based losses), add a small epsilon where you divide or take logs, and with mixed precision use loss scaling or bfloat16. Anomaly detection in your framework finds the first operation that produced the NaN.

**Picture:** a single drop of ink in a glass of water, turning the whole glass grey within a second.`,
    },
    {
      key: "overfit-one-batch",
      room: "optim",
      title: "Overfit a single batch",
      kind: "technique",
      tags: ["model", "sanity check"],
      after: ["initial-loss", "zeroed-input"],
      diagram: batchDiagram,
      notes: `Take one small batch, say 8 to 32 examples, switch off augmentation and regularisation, and train on it alone for a few hundred steps. A correct model and training loop should drive the loss close to zero and reach perfect accuracy on that batch.

If it cannot, suspect the model, the loss or the optimiser; but try a few learning rates first, because one that is too low also fails to converge in the steps you allow. Once it fits, scale up and add regularisation back. Passing this test does not check the labels: random labels can be memorised too.

**Picture:** a parrot locked in a room with one short poem until it recites it perfectly.

**Number:** 8 to 32 examples, loss near zero.`,
    },
    {
      key: "lr-range-test",
      room: "optim",
      title: "Learning-rate range test",
      kind: "technique",
      tags: ["optimisation", "learning rate"],
      after: ["overfit-one-batch"],
      notes: `The learning rate is the first hyperparameter to get right. A range test trains for a few hundred steps while increasing the learning rate exponentially, say from 1e-7 to 10, and plots loss against it. The loss stays flat, then falls, then blows up.

A good learning rate lies somewhat below the point where the loss falls fastest, often about a tenth of the rate where it starts to rise. A loss that never falls across the whole range points to a bug rather than a tuning problem.

**Picture:** a driver flooring the accelerator on a test track until the engine screams, then marking the rev counter a notch lower.

**Number:** about a tenth of the rate where the loss takes off.`,
    },
    {
      key: "scheduler-step",
      room: "optim",
      title: "Scheduler stepped per epoch instead of per batch",
      kind: "failure-mode",
      tags: ["optimisation", "schedule", "pytorch"],
      after: ["lr-range-test"],
      notes: `A learning-rate scheduler counts whatever you step it with. Warmup, one-cycle and cosine schedules are usually defined in optimiser steps; stepping them once per epoch stretches a 2000-step warmup over 2000 epochs, so the model never reaches its real learning rate. The reverse mistake, stepping an epoch-based decay every batch, drops the rate in the first minutes.

Read the schedule's unit, call optimizer.step() before scheduler.step(), and log the learning rate every step: a plot of it catches all of these at a glance.

**Picture:** a cuckoo clock wired to strike once a day instead of once an hour, its bird never leaving the house.`,
    },
    {
      key: "exploding-gradients",
      room: "optim",
      title: "Exploding and vanishing gradients",
      kind: "failure-mode",
      tags: ["optimisation", "gradients"],
      after: ["dead-relus"],
      notes: `Backpropagation multiplies many Jacobians together. If their scale is above one, gradients grow exponentially with depth and the loss jumps or becomes NaN; below one, early layers stop learning while later ones train.

Log the gradient norm of each layer. Remedies are well established: sensible initialisation, normalisation layers, residual connections, gated recurrent units instead of plain RNNs, a lower learning rate, and gradient clipping, which rescales the whole gradient when its norm exceeds a threshold, often 1.0, without changing its direction.

**Picture:** a snowball rolling down a mountain, doubling at every bounce until it flattens the village.

**Number:** clip at a global norm of 1.0.`,
    },
    {
      key: "zero-grad",
      room: "optim",
      title: "Gradients that accumulate by accident",
      kind: "failure-mode",
      tags: ["optimisation", "pytorch"],
      notes: `In PyTorch, backward() adds to each parameter's .grad rather than replacing it. Forgetting optimizer.zero_grad() makes every step apply the sum of all previous gradients, so updates grow and training becomes erratic or diverges.

The same mechanism is used on purpose for gradient accumulation: call backward() on several micro-batches, divide each loss by their number, then step once and zero. Make the zeroing the first line of every step, so an early exit or exception cannot skip it.

**Picture:** a tip jar nobody ever empties, each night's takings piled on top of every night before.`,
    },
    {
      key: "gradient-norm-logging",
      room: "optim",
      title: "Watch the update-to-weight ratio",
      kind: "technique",
      tags: ["optimisation", "monitoring"],
      notes: `Log, per layer, the norm of each update divided by the norm of the weights it changes. Around 1e-3 per step is a healthy rule of thumb for plain SGD-style training. Much smaller means the layer barely learns; much larger means it is being thrown around and may diverge.

Together with loss curves, activation statistics and gradient norms, this ratio shows which part of the network is misbehaving instead of leaving you to guess from a single scalar loss. Tools such as TensorBoard or Weights & Biases make it a few lines.

**Picture:** a sculptor's chisel that should shave about a thousandth off the statue with every tap.

**Number:** about 1e-3 per step.`,
    },
    {
      key: "learning-curves",
      room: "eval",
      title: "Read the learning curves",
      kind: "technique",
      tags: ["evaluation", "diagnosis"],
      after: ["overfit-one-batch"],
      notes: `Plot training and validation loss on the same axes. Both high and close together: the model underfits, so make it bigger, train longer or fix the optimisation. Training low and validation rising: it overfits, so add data, augmentation or regularisation, or stop earlier. Validation better than training is normal with dropout or heavy augmentation, which only apply during training.

Noisy curves call for smoothing or larger evaluation sets. A sudden jump in both usually marks a data or numerical problem, not a change in generalisation.

**Picture:** two hikers roped together on a mountain path; when one keeps climbing down while the other starts back up, the rope is about to snap.`,
    },
    {
      key: "baselines",
      room: "eval",
      title: "Compare with trivial baselines",
      kind: "technique",
      tags: ["evaluation", "baselines"],
      after: ["zeroed-input"],
      notes: `A score means little without reference points. Before celebrating, compute what a trivial predictor achieves: the majority class, the mean of the training targets, yesterday's value for a forecast, a linear model or gradient-boosted trees on simple features.

If a deep network barely beats these, it may have learned nothing beyond the label distribution. Baselines also catch broken evaluation code, because a suspiciously high baseline score means the metric or the split is wrong. Keep them in the same evaluation script so they are recomputed on every change.

**Picture:** a podium where a coin-flipping robot stands on the bronze step, and your model had better be higher.`,
    },
    {
      key: "confusion-matrix",
      room: "eval",
      title: "Error analysis with a confusion matrix",
      kind: "technique",
      tags: ["evaluation", "diagnosis"],
      after: ["class-imbalance", "learning-curves"],
      diagram: confusionDiagram,
      notes: `A single accuracy figure hides which mistakes the model makes. A confusion matrix counts, for each true class (rows), how often each class was predicted (columns); the diagonal holds the correct answers and the largest off-diagonal cells are where to look.

Open the examples in those cells and sort the causes: mislabelled data, genuinely ambiguous classes, missing variety in the training set, or a preprocessing fault. Fix the largest group first. Normalising each row shows per-class recall, which exposes classes drowned out by imbalance.

**Picture:** a seating chart of a wedding where every guest who sat at the wrong table is circled in red.`,
    },
    {
      key: "metric-mismatch",
      room: "eval",
      title: "The loss is not the metric",
      kind: "failure-mode",
      tags: ["evaluation", "metrics"],
      after: ["learning-curves"],
      notes: `Training minimises a differentiable loss, while people judge the model by something else: accuracy, F1, BLEU, mean average precision, revenue. The two usually move together, but not always. Validation loss can rise while accuracy still improves, because the model becomes overconfident on the examples it already gets wrong.

Track the metric you care about during training, choose checkpoints by it, and make sure it is computed exactly as the final evaluation will compute it, with the same thresholds, averaging and data.

**Picture:** a thermometer and a clock on the same wall, each telling a different story about the same afternoon.`,
    },
    {
      key: "seeds-variance",
      room: "eval",
      title: "Run-to-run variance and seeds",
      kind: "other",
      tags: ["evaluation", "reproducibility"],
      notes: `Two training runs that differ only in random seed can differ by more than the improvement you are trying to measure, especially on small datasets or during fine-tuning. The seed changes initialisation, data order, augmentation and dropout.

Fix seeds to make one run reproducible while debugging, but judge a change by several seeds, reporting mean and spread. Note that some GPU kernels are nondeterministic even with fixed seeds, unless you ask your framework for deterministic algorithms and accept that they are slower.

**Picture:** five dice rolled for the same experiment, each landing on a different face.

**Number:** judge a change on several seeds, not one.`,
    },
  ],
  links: [
    { from: "look-at-data", to: "label-misalignment", label: "reveals" },
    { from: "look-at-data", to: "normalisation-mismatch", label: "reveals" },
    { from: "val-augmentation", to: "normalisation-mismatch", label: "another train/evaluation gap, like" },
    { from: "class-imbalance", to: "metric-mismatch", label: "hides behind" },
    { from: "leakage", to: "baselines", label: "exposed by" },
    { from: "label-misalignment", to: "overfit-one-batch", label: "is not caught by" },
    { from: "initial-loss", to: "overfit-one-batch", label: "comes before" },
    { from: "zeroed-input", to: "baselines", label: "is the simplest of the" },
    { from: "dead-relus", to: "exploding-gradients", label: "cousin of" },
    { from: "train-eval-mode", to: "normalisation-mismatch", label: "another train/serve gap" },
    { from: "pretrained-weights", to: "zero-grad", label: "check the optimiser's parameter list, as for" },
    { from: "broadcasting", to: "loss-reduction", label: "corrupts" },
    { from: "initial-loss", to: "double-softmax", label: "would catch" },
    { from: "double-softmax", to: "nan-loss", label: "shares its cure, a fused loss on logits, with" },
    { from: "loss-reduction", to: "zero-grad", label: "divide each micro-batch loss when accumulating" },
    { from: "nan-loss", to: "exploding-gradients", label: "often caused by" },
    { from: "lr-range-test", to: "exploding-gradients", label: "finds the edge of" },
    { from: "scheduler-step", to: "lr-range-test", label: "spoils the rate chosen by" },
    { from: "gradient-norm-logging", to: "exploding-gradients", label: "detects" },
    { from: "gradient-norm-logging", to: "dead-relus", label: "detects" },
    { from: "learning-curves", to: "overfit-one-batch", label: "next step after" },
    { from: "confusion-matrix", to: "class-imbalance", label: "exposes" },
    { from: "seeds-variance", to: "learning-curves", label: "blurs" },
    { from: "baselines", to: "metric-mismatch", label: "measured with" },
  ],
});
