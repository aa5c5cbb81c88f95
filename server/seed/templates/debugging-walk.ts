// Starter palace: a checklist for a network that will not learn, walked in the order the
// checks are cheapest to run: data, model, loss, optimisation, evaluation.
import { defineTemplate } from "./template-kit";

export const debuggingWalk = defineTemplate({
  title: "Why is my network not learning? A debugging walk",
  description:
    "A walk through the checks that find most training bugs, in the order they are cheapest to run: look at the data, shrink the problem until the model can memorise it, make sure the loss means what you think, watch the optimiser, and only then trust the evaluation.",
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

Most training bugs are visible here in minutes: images that are all black after a wrong normalisation, crops that cut off the object, text truncated to its padding, labels that are all the same class. Inspecting the raw files is not enough; the pipeline is where things break.`,
    },
    {
      key: "label-misalignment",
      room: "data",
      title: "Labels shuffled apart from their inputs",
      kind: "failure-mode",
      tags: ["data", "labels"],
      notes: `If inputs and labels are shuffled, sorted or filtered separately, every example ends up with someone else's label. The training loss then falls only as far as memorisation allows, and validation accuracy stays at chance however long you train.

Typical causes: shuffling two arrays with different random generators, reading file lists in different orders on different machines, or dropping corrupt images without dropping their labels. The test is simple: print a few pairs and check them by eye, or train on a tiny set and confirm the model can reach near-zero loss.`,
    },
    {
      key: "normalisation-mismatch",
      room: "data",
      title: "Preprocessing differs between training and serving",
      kind: "failure-mode",
      tags: ["data", "preprocessing"],
      notes: `A model learns the input distribution it was trained on. If validation, test or production inputs are resized, normalised or tokenised differently, accuracy drops with no error message: pixels in 0–255 instead of 0–1, BGR instead of RGB, a different tokenizer version, features scaled with statistics recomputed on the test set.

Keep one preprocessing function shared by every path, save its parameters with the model, and add a test that feeds the same raw example through the training and serving code and compares the tensors.`,
    },
    {
      key: "class-imbalance",
      room: "data",
      title: "Class imbalance",
      kind: "failure-mode",
      tags: ["data", "metrics"],
      notes: `When one class dominates, a network can reach high accuracy by always predicting it. With 99% negatives, 99% accuracy means nothing; the loss falls quickly and then stalls while the minority class is ignored.

Check the label histogram first. Remedies include resampling so batches are more balanced, weighting the loss by inverse class frequency, focal loss, and choosing metrics that expose the problem: per-class recall, precision–recall curves, balanced accuracy or F1. Adjusting the decision threshold after training is often the cheapest fix of all.`,
    },
    {
      key: "leakage",
      room: "data",
      title: "Leakage between training and validation",
      kind: "failure-mode",
      tags: ["data", "evaluation"],
      notes: `Leakage is when information from the validation or test set reaches training, making scores look far better than real-world performance. Common routes: near-duplicate images in both splits, the same patient or user on both sides, random splits of time series that let the model see the future, and normalisation statistics computed on all data.

Split by the unit that must generalise (patient, user, document, time period), deduplicate before splitting, and fit every preprocessing step on the training split only. Suspiciously good results deserve the same scrutiny as bad ones.`,
    },
    {
      key: "overfit-one-batch",
      room: "model",
      title: "Overfit a single batch",
      kind: "technique",
      tags: ["model", "sanity check"],
      notes: `Take one small batch, say 8 to 32 examples, switch off augmentation and regularisation, and train on it alone for a few hundred steps. A correct model and training loop should drive the loss close to zero and reach perfect accuracy on that batch.

If it cannot, the bug is in the model, loss or optimiser, not in the amount of data or the hyperparameters, and you have found it in seconds instead of hours. If it can, you have a working pipeline and can scale up, adding regularisation back only once the model can fit.`,
    },
    {
      key: "dead-relus",
      room: "model",
      title: "Bad initialisation and dead ReLUs",
      kind: "failure-mode",
      tags: ["model", "initialisation"],
      notes: `Weights initialised too large make activations and gradients explode layer by layer; too small, and they vanish. He initialisation (variance 2 / fan-in) suits ReLU networks, Glorot initialisation suits tanh and sigmoid. Library defaults are usually sensible, but custom layers often bypass them.

A ReLU unit whose input is negative for every example outputs zero and receives zero gradient, so it never recovers. Log the fraction of zero activations per layer; if most units are dead, lower the learning rate, check the initialisation, or try leaky ReLU or GELU.`,
    },
    {
      key: "train-eval-mode",
      room: "model",
      title: "Forgotten training or evaluation mode",
      kind: "failure-mode",
      tags: ["model", "pytorch", "batchnorm"],
      notes: `Dropout and batch normalisation behave differently in training and evaluation. In PyTorch, model.train() and model.eval() switch them. Evaluating in training mode adds dropout noise and normalises with the current batch's statistics, so results fluctuate and depend on batch size. Training in evaluation mode silently disables dropout and freezes batch-norm statistics.

Set the mode explicitly at the start of every training and evaluation loop, not once at the top of the script. Also wrap evaluation in torch.no_grad() or inference_mode() to save memory.`,
    },
    {
      key: "broadcasting",
      room: "model",
      title: "Shape bugs hidden by broadcasting",
      kind: "failure-mode",
      tags: ["model", "shapes"],
      notes: `Broadcasting lets arrays of different shapes combine without error, which also hides mistakes. Subtracting targets of shape (N,) from predictions of shape (N, 1) yields an N × N matrix, and a mean over it gives a plausible-looking but meaningless loss. Similarly, a view() or reshape() that reorders axes instead of transposing them scrambles data without complaint.

Assert shapes at module boundaries, name the axes in comments or with einops, and check that the loss of a single example equals what you compute by hand.`,
    },
    {
      key: "initial-loss",
      room: "loss",
      title: "Check the loss at initialisation",
      kind: "technique",
      tags: ["loss", "sanity check"],
      notes: `Before any training step, the loss should match what an uninformed model would score. For softmax cross-entropy over C balanced classes that is ln(C): about 2.30 for 10 classes and 6.91 for 1,000. For a regression target standardised to unit variance, mean squared error should be close to 1.

A much higher starting loss means the network is confidently wrong at initialisation, often from a badly scaled final layer. Initialising the last layer's bias to the log of the class frequencies removes the wasted first phase of training.`,
    },
    {
      key: "double-softmax",
      room: "loss",
      title: "Softmax applied twice",
      kind: "failure-mode",
      tags: ["loss", "pytorch"],
      notes: `PyTorch's CrossEntropyLoss and Keras losses with from_logits=True expect raw scores and apply log-softmax themselves. Adding a softmax layer before them squashes the logits into 0–1, so the loss can barely move: gradients shrink, training crawls, and the loss plateaus well above zero.

The same trap exists for binary problems: BCEWithLogitsLoss expects logits, BCELoss expects probabilities. Keep the model's output as logits, use the fused loss for numerical stability, and apply softmax or sigmoid only when you need probabilities for reporting.`,
    },
    {
      key: "loss-reduction",
      room: "loss",
      title: "Loss reduction, masking and scaling",
      kind: "loss",
      tags: ["loss", "masking"],
      notes: `Whether a loss is summed or averaged changes the gradient scale, and so the effective learning rate: a sum over a batch of 256 behaves like a learning rate 256 times larger. Changing batch size or gradient accumulation then silently changes training.

With padding, average over real tokens only, using a mask, or short sequences count for less than they should. When combining several losses, check their magnitudes: a term a thousand times larger than the others decides everything, and its weight is a hyperparameter worth tuning.`,
    },
    {
      key: "nan-loss",
      room: "loss",
      title: "NaN and infinite losses",
      kind: "failure-mode",
      tags: ["loss", "numerics"],
      notes: `A loss that turns into NaN usually comes from log(0), division by zero, the square root of zero in a backward pass, overflow in exp, or a learning rate so high that weights diverge. Once one NaN appears it spreads through every weight in a single step.

Use numerically stable fused operations (log-softmax, logits-based losses), add a small epsilon where you divide or take logs, and with mixed precision use loss scaling or bfloat16. Anomaly detection in your framework finds the first operation that produced the NaN.`,
    },
    {
      key: "lr-range-test",
      room: "optim",
      title: "Learning-rate range test",
      kind: "technique",
      tags: ["optimisation", "learning rate"],
      notes: `The learning rate is the first hyperparameter to get right. A range test trains for a few hundred steps while increasing the learning rate exponentially, say from 1e-7 to 10, and plots loss against it. The loss stays flat, then falls, then blows up.

A good learning rate lies somewhat below the point where the loss falls fastest, often about a tenth of the rate where it starts to rise. A loss that never falls across the whole range points to a bug rather than a tuning problem.`,
    },
    {
      key: "exploding-gradients",
      room: "optim",
      title: "Exploding and vanishing gradients",
      kind: "failure-mode",
      tags: ["optimisation", "gradients"],
      notes: `Backpropagation multiplies many Jacobians together. If their scale is above one, gradients grow exponentially with depth and the loss jumps or becomes NaN; below one, early layers stop learning while later ones train.

Log the gradient norm of each layer. Remedies are well established: sensible initialisation, normalisation layers, residual connections, gated recurrent units instead of plain RNNs, a lower learning rate, and gradient clipping, which rescales the whole gradient when its norm exceeds a threshold, often 1.0, without changing its direction.`,
    },
    {
      key: "zero-grad",
      room: "optim",
      title: "Gradients that accumulate by accident",
      kind: "failure-mode",
      tags: ["optimisation", "pytorch"],
      notes: `In PyTorch, backward() adds to each parameter's .grad rather than replacing it. Forgetting optimizer.zero_grad() makes every step apply the sum of all previous gradients, so updates grow and training becomes erratic or diverges.

The same mechanism is used on purpose for gradient accumulation: call backward() on several micro-batches, divide each loss by their number, then step once and zero. Check also that the optimiser actually received every parameter you mean to train, and that nothing trainable was left out or frozen by mistake.`,
    },
    {
      key: "gradient-norm-logging",
      room: "optim",
      title: "Watch the update-to-weight ratio",
      kind: "technique",
      tags: ["optimisation", "monitoring"],
      notes: `Log, per layer, the norm of each update divided by the norm of the weights it changes. Around 1e-3 per step is a healthy rule of thumb for plain SGD-style training. Much smaller means the layer barely learns; much larger means it is being thrown around and may diverge.

Together with loss curves, activation statistics and gradient norms, this ratio shows which part of the network is misbehaving instead of leaving you to guess from a single scalar loss. Tools such as TensorBoard or Weights & Biases make it a few lines.`,
    },
    {
      key: "learning-curves",
      room: "eval",
      title: "Read the learning curves",
      kind: "technique",
      tags: ["evaluation", "diagnosis"],
      notes: `Plot training and validation loss on the same axes. Both high and close together: the model underfits, so make it bigger, train longer or fix the optimisation. Training low and validation rising: it overfits, so add data, augmentation or regularisation, or stop earlier. Validation better than training is normal with dropout or heavy augmentation, which only apply during training.

Noisy curves call for smoothing or larger evaluation sets. A sudden jump in both usually marks a data or numerical problem, not a change in generalisation.`,
    },
    {
      key: "baselines",
      room: "eval",
      title: "Compare with trivial baselines",
      kind: "technique",
      tags: ["evaluation", "baselines"],
      notes: `A score means little without reference points. Before celebrating, compute what a trivial predictor achieves: the majority class, the mean of the training targets, yesterday's value for a forecast, a linear model or gradient-boosted trees on simple features.

If a deep network barely beats these, it may have learned nothing beyond the label distribution. Baselines also catch broken evaluation code, because a suspiciously high baseline score means the metric or the split is wrong. Keep them in the same evaluation script so they are recomputed on every change.`,
    },
    {
      key: "metric-mismatch",
      room: "eval",
      title: "The loss is not the metric",
      kind: "failure-mode",
      tags: ["evaluation", "metrics"],
      notes: `Training minimises a differentiable loss, while people judge the model by something else: accuracy, F1, BLEU, mean average precision, revenue. The two usually move together, but not always. Validation loss can rise while accuracy still improves, because the model becomes overconfident on the examples it already gets wrong.

Track the metric you care about during training, choose checkpoints by it, and make sure it is computed exactly as the final evaluation will compute it, with the same thresholds, averaging and data.`,
    },
    {
      key: "seeds-variance",
      room: "eval",
      title: "Run-to-run variance and seeds",
      kind: "other",
      tags: ["evaluation", "reproducibility"],
      notes: `Two training runs that differ only in random seed can differ by more than the improvement you are trying to measure, especially on small datasets or during fine-tuning. The seed changes initialisation, data order, augmentation and dropout.

Fix seeds to make one run reproducible while debugging, but judge a change by several seeds, reporting mean and spread. Note that some GPU kernels are nondeterministic even with fixed seeds, unless you ask your framework for deterministic algorithms and accept that they are slower.`,
    },
  ],
  links: [
    { from: "look-at-data", to: "label-misalignment", label: "reveals" },
    { from: "look-at-data", to: "normalisation-mismatch", label: "reveals" },
    { from: "class-imbalance", to: "metric-mismatch", label: "hides behind" },
    { from: "leakage", to: "baselines", label: "exposed by" },
    { from: "label-misalignment", to: "overfit-one-batch", label: "tested by" },
    { from: "overfit-one-batch", to: "initial-loss", label: "start from" },
    { from: "dead-relus", to: "exploding-gradients", label: "cousin of" },
    { from: "train-eval-mode", to: "normalisation-mismatch", label: "another train/serve gap" },
    { from: "broadcasting", to: "loss-reduction", label: "corrupts" },
    { from: "initial-loss", to: "double-softmax", label: "would catch" },
    { from: "double-softmax", to: "nan-loss", label: "fused loss prevents" },
    { from: "loss-reduction", to: "zero-grad", label: "scales accumulation" },
    { from: "nan-loss", to: "exploding-gradients", label: "often caused by" },
    { from: "lr-range-test", to: "exploding-gradients", label: "finds the edge of" },
    { from: "gradient-norm-logging", to: "exploding-gradients", label: "detects" },
    { from: "gradient-norm-logging", to: "dead-relus", label: "detects" },
    { from: "learning-curves", to: "overfit-one-batch", label: "next step after" },
    { from: "seeds-variance", to: "learning-curves", label: "blurs" },
    { from: "baselines", to: "metric-mismatch", label: "measured with" },
  ],
});
