import Foundation

/// The XMP packet that carries Limn's recipe in JPEG (APP1) and WebP (`XMP ` chunk) files:
/// one `limn:recipe` element whose text is the JSON, XML-escaped.
enum XMPPacket {
    /// Limn's XMP namespace; a packet declaring it is Limn's to replace or strip.
    static let namespace = "urn:limn:recipe:1.0/"
    /// What precedes the packet in a JPEG APP1 segment.
    static let jpegSignature = Array("http://ns.adobe.com/xap/1.0/\0".utf8)

    private static let open = Array("<limn:recipe>".utf8)
    private static let close = Array("</limn:recipe>".utf8)
    private static let declaration = Array("xmlns:limn=\"\(namespace)\"".utf8)

    /// A packet carrying `json`.
    static func make(json: String) -> [UInt8] {
        let packet = """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about="" xmlns:limn="\(namespace)">
           <limn:recipe>\(escape(json))</limn:recipe>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """
        return Array(packet.utf8)
    }

    /// True when `packet` declares Limn's namespace.
    static func isLimn(_ packet: UnsafeRawBufferPointer) -> Bool {
        packet.firstIndex(of: declaration, from: 0) != nil
    }

    /// The recipe JSON in a Limn packet, or nil.
    static func recipe(in packet: UnsafeRawBufferPointer) -> String? {
        guard isLimn(packet),
              let start = packet.firstIndex(of: open, from: 0).map({ $0 + open.count }),
              let end = packet.firstIndex(of: close, from: start),
              let text = String(validating: packet[start..<end], as: UTF8.self)
        else { return nil }
        return unescape(text)
    }

    /// Escapes for XML element content; CR is escaped because XML parsers normalise it away.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" {
                    out += "&#\(scalar.value);"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Resolves the five predefined entities and numeric character references.
    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = String.UnicodeScalarView()
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out.append(contentsOf: rest[..<amp].unicodeScalars)
            guard let semi = rest[amp...].firstIndex(of: ";"),
                  let scalar = entity(rest[rest.index(after: amp)..<semi]) else {
                out.append("&")
                rest = rest[rest.index(after: amp)...]
                continue
            }
            out.append(scalar)
            rest = rest[rest.index(after: semi)...]
        }
        out.append(contentsOf: rest.unicodeScalars)
        return String(out)
    }

    private static func entity(_ name: Substring) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            if name.hasPrefix("#x") || name.hasPrefix("#X") { return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
            if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
            return nil
        }
    }
}
