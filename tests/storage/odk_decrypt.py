"""Decrypting an ODK-encrypted submission with the private key, step by step as the spec says.

Written from the ODK XForms "Encrypted Submissions" text, independently of the encrypting code
(it shares nothing with inclusion_app.storage.odk_encryption), so a round trip proves the
manifest, key wrapping, IV sequence, padding and signature match the specification.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from cryptography.hazmat.decrepit.ciphers.modes import CFB
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
from defusedxml import ElementTree

NS = "{http://opendatakit.org/submissions}"
ORX = "{http://openrosa.org/xforms}"


@dataclass
class Decrypted:
    form_id: str
    version: str | None
    instance_id: str
    xml: bytes
    media: dict[str, bytes]  # original names (".enc" removed), in manifest order
    signature_ok: bool


def _rsa_oaep_sha256(private: RSAPrivateKey, data: bytes) -> bytes:
    """RSA/NONE/OAEPWithSHA256AndMGF1Padding as Bouncy Castle and ODK Central read it."""
    return private.decrypt(
        data, padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)
    )


def _unpad_pkcs7(data: bytes) -> bytes:
    n = data[-1]
    if not 1 <= n <= 16 or data[-n:] != bytes([n]) * n:
        raise ValueError("bad PKCS#7 padding")
    return data[:-n]


def decrypt(private: RSAPrivateKey, manifest: bytes, files: dict[str, bytes]) -> Decrypted:
    root = ElementTree.fromstring(manifest)
    # 1. the manifest: root <data> in the submissions namespace with encrypted="yes"
    assert root.tag == NS + "data", root.tag
    assert root.get("encrypted") == "yes"
    form_id, version = root.get("id"), root.get("version")
    wrapped = root.find(NS + "base64EncryptedKey").text
    instance_id = root.find(f"{ORX}meta/{ORX}instanceID").text
    media_names = [m.find(NS + "file").text for m in root.findall(NS + "media")]
    xml_name = root.find(NS + "encryptedXmlFile").text
    signature = root.find(NS + "base64EncryptedElementSignature")

    # 2. the AES key: base64, RSA OAEP (SHA-256, MGF1 SHA-256)
    key = _rsa_oaep_sha256(private, base64.b64decode(wrapped))
    assert len(key) == 32

    # 3. the IV seed: md5(instanceID + key); per file bump byte counter % 16, then use it
    seed = bytearray(hashlib.md5(instance_id.encode("utf-8") + key).digest())
    counter = 0
    clear: dict[str, bytes] = {}
    for name in [*media_names, xml_name]:  # media in manifest order, then the XML
        seed[counter % 16] = (seed[counter % 16] + 1) % 256
        counter += 1
        decryptor = Cipher(algorithms.AES(key), CFB(bytes(seed))).decryptor()
        padded = decryptor.update(files[name]) + decryptor.finalize()
        clear[name] = _unpad_pkcs7(padded)

    # 4. the signature: md5 over the newline-joined element list, RSA-encrypted the same way
    lines = [form_id] + ([version] if version else []) + [wrapped, instance_id]
    for name in [*media_names, xml_name]:
        original = name.removesuffix(".enc")
        lines.append(f"{original}::{hashlib.md5(clear[name]).hexdigest()}")
    expected = hashlib.md5(("\n".join(lines) + "\n").encode("utf-8")).digest()
    signature_ok = signature is not None and _rsa_oaep_sha256(
        private, base64.b64decode(signature.text)
    ) == expected

    return Decrypted(
        form_id, version, instance_id, clear[xml_name],
        {n.removesuffix(".enc"): clear[n] for n in media_names}, signature_ok,
    )
