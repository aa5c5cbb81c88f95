// Reading a chosen file in the browser for an upload that travels as base64 in a tRPC call.

/** The file's bytes as base64 (without the data: prefix); a sentence if the browser cannot read it. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve((typeof reader.result === "string" ? reader.result : "").replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(new Error("The file could not be read. Choose it again."));
    reader.readAsDataURL(file);
  });
}
