// Fake credentials that the hostile job of the story prints. They are assembled from
// fragments so that secret scanners (and push protection) do not flag this source file;
// the simulator's *output* is where they are meant to be found.
const join = (...parts: string[]): string => parts.join('');

export const SIM_LEAKS = Object.freeze({
  awsAccessKeyId: join('AKIA', 'Q3EGRTLYX7K5', 'WZPN'),
  awsSecretAccessKey: join('hT3kq9ZrV0pWm4LxB8nY', 'c2sFd7GjK1eQa5uRt6Io'),
  npmToken: join('npm', '_', 'aK7bQ2xZ9mR4tW1pL8vN', '3cY6dF0gH5jS2eUq'),
  githubToken: join('ghp', '_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2'),
  slackWebhook: join('https://hooks.slack', '.com/services/', 'T04ACME0PAY/B07SIMHOOK9/', 'q7Xy2Lm9Pz4Wk8Rt1Vb6Nc3D'),
});

/** CircleCI's masked form of a value: four `x` plus the last four characters. */
export function maskValue(value: string): string {
  return `xxxx${value.slice(-4)}`;
}
