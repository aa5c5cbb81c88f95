// Reads a text field of a submitted form. A missing field, or a file where text was expected,
// reads as "" so the server's validation answers with its sentence rather than "null".
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
