import Evaluation
import Foundation
import RDFModel

/// The SVG picture of the graph: a circular layout grouped by class.
///
/// Why a circle and not a force layout: at a hundred entities most of them have no relation, and
/// a force layout piles their labels on top of each other. On a circle every node has its own
/// angle, the labels point outward along their radius and never overlap (the radius grows with
/// the number of entities so neighbours stay 16 px apart), classes form coloured arcs, and
/// relations are curves through the inside. The order is classes by name, then label, then IRI:
/// the same graph always gives the same picture, with no iteration or randomness.
public enum GraphPicture {
    /// A node as laid out, for tests and for whoever wants the coordinates.
    public struct Node: Hashable, Sendable {
        public let entity: IRI
        public let x: Double
        public let y: Double
        /// In radians, 0 pointing right, growing clockwise (SVG's y points down).
        public let angle: Double
    }

    /// Pixels between neighbouring nodes along the circle.
    static let spacing = 16.0
    /// Room outside the circle for labels (34 characters at 11 px).
    static let labelRoom = 220.0
    static let maximumLabelLength = 34

    /// The layout: one node per entity, in drawing order, and the picture's width (= height).
    public static func layout(_ entities: [ReportEntity]) -> (nodes: [Node], size: Double) {
        let ordered = entities.sorted { lhs, rhs in
            (lhs.primaryClass, lhs.label, lhs.iri.value) < (rhs.primaryClass, rhs.label, rhs.iri.value)
        }
        let count = Double(ordered.count)
        let radius = max(150, count * spacing / (2 * Double.pi))
        let size = 2 * (radius + labelRoom + 10)
        let centre = size / 2
        let nodes = ordered.enumerated().map { index, entity in
            let angle = 2 * Double.pi * Double(index) / max(count, 1) - Double.pi / 2
            return Node(entity: entity.iri, x: centre + radius * cos(angle), y: centre + radius * sin(angle), angle: angle)
        }
        return (nodes, size)
    }

    /// The `<svg>` element. `spurious` entities get a red ring, `spuriousRelations` a dashed edge.
    public static func svg(entities: [ReportEntity], relations: [ReportRelation], spurious: Set<IRI> = [],
                           spuriousRelations: Set<RelationKey> = []) -> String {
        let (nodes, size) = layout(entities)
        let centre = size / 2
        let radius = nodes.first.map { hypot($0.x - centre, $0.y - centre) } ?? 150
        let entityByIRI = Dictionary(entities.map { ($0.iri, $0) }, uniquingKeysWith: { first, _ in first })
        let nodeByIRI = Dictionary(nodes.map { ($0.entity, $0) }, uniquingKeysWith: { first, _ in first })
        let edges = relations.filter { relation in
            guard let object = relation.object.iri else { return false }
            return relation.subject != object && nodeByIRI[relation.subject] != nil && nodeByIRI[object] != nil
        }
        let properties = Array(Set(edges.map(\.property))).sorted()
        let propertyIndex = Dictionary(uniqueKeysWithValues: properties.enumerated().map { ($0.element, $0.offset) })
        var degree: [IRI: Int] = [:]
        for edge in edges {
            degree[edge.subject, default: 0] += 1
            if let object = edge.object.iri { degree[object, default: 0] += 1 }
        }

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" role=\"img\" width=\"\(number(size))\" height=\"\(number(size))\" "
            + "viewBox=\"0 0 \(number(size)) \(number(size))\" aria-label=\"graph of \(nodes.count) entities and \(edges.count) relations\">\n"
        svg += "<defs>\n"
        for (index, _) in properties.enumerated() {
            svg += "<marker id=\"arrow-\(index)\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"\(ClassPalette.colour(forPropertyAt: index))\"/></marker>\n"
        }
        svg += "</defs>\n"
        if nodes.isEmpty {
            svg += "<text x=\"\(number(centre))\" y=\"\(number(centre))\" text-anchor=\"middle\">no entities</text>\n</svg>"
            return svg
        }

        // Class arcs just inside the ring: one per run of nodes of the same class.
        svg += "<g class=\"class-arcs\">\n"
        let step = 2 * Double.pi / Double(nodes.count)
        var runStart = 0
        for index in nodes.indices {
            let className = entityByIRI[nodes[index].entity]?.primaryClass ?? ""
            let isRunEnd = index == nodes.count - 1 || entityByIRI[nodes[index + 1].entity]?.primaryClass != className
            guard isRunEnd else { continue }
            let from = nodes[runStart].angle - step * 0.45, to = nodes[index].angle + step * 0.45
            let arcRadius = radius - 14
            let large = to - from > Double.pi ? 1 : 0
            let path = nodes.count == 1 || to - from >= 2 * Double.pi - 0.001
                ? "M\(number(centre + arcRadius)),\(number(centre)) A\(number(arcRadius)),\(number(arcRadius)) 0 1 1 \(number(centre - arcRadius)),\(number(centre)) A\(number(arcRadius)),\(number(arcRadius)) 0 1 1 \(number(centre + arcRadius)),\(number(centre))"
                : "M\(number(centre + arcRadius * cos(from))),\(number(centre + arcRadius * sin(from))) A\(number(arcRadius)),\(number(arcRadius)) 0 \(large) 1 \(number(centre + arcRadius * cos(to))),\(number(centre + arcRadius * sin(to)))"
            svg += "<path class=\"arc\" d=\"\(path)\" fill=\"none\" stroke=\"\(ClassPalette.colour(forClass: className))\" stroke-width=\"8\">"
                + "<title>\(HTMLText.escape(className)): \(index - runStart + 1)</title></path>\n"
            runStart = index + 1
        }
        svg += "</g>\n"

        // Edges: quadratic curves pulled toward the centre, so they leave the ring area free.
        svg += "<g class=\"edges\" fill=\"none\">\n"
        for edge in edges {
            guard let object = edge.object.iri, let from = nodeByIRI[edge.subject], let to = nodeByIRI[object],
                  let index = propertyIndex[edge.property] else { continue }
            let controlX = centre + ((from.x + to.x) / 2 - centre) * 0.25
            let controlY = centre + ((from.y + to.y) / 2 - centre) * 0.25
            // End the curve at the target circle's edge, so the arrow head stays visible.
            let targetRadius = nodeRadius(degree[object] ?? 0) + 1
            let dx = to.x - controlX, dy = to.y - controlY
            let length = max(hypot(dx, dy), 0.001)
            let endX = to.x - dx / length * targetRadius, endY = to.y - dy / length * targetRadius
            let isSpurious = spuriousRelations.contains(RelationKey(subject: edge.subject, property: edge.property, object: object))
            let subjectLabel = entityByIRI[edge.subject]?.label ?? edge.subject.value
            let objectLabel = entityByIRI[object]?.label ?? object.value
            svg += "<path class=\"edge\(isSpurious ? " fp" : "")\" d=\"M\(number(from.x)),\(number(from.y)) Q\(number(controlX)),\(number(controlY)) \(number(endX)),\(number(endY))\" "
                + "stroke=\"\(ClassPalette.colour(forPropertyAt: index))\" stroke-width=\"1.4\"\(isSpurious ? " stroke-dasharray=\"5 3\"" : "") marker-end=\"url(#arrow-\(index))\">"
                + "<title>\(HTMLText.escape("\(subjectLabel) \(edge.property) \(objectLabel)"))\(isSpurious ? " (false positive)" : "")</title></path>\n"
        }
        svg += "</g>\n"

        // Nodes and labels: a label reads outward, flipped on the left half so it is never upside down.
        svg += "<g class=\"nodes\">\n"
        for node in nodes {
            guard let entity = entityByIRI[node.entity] else { continue }
            let isSpurious = spurious.contains(entity.iri)
            let degrees = node.angle * 180 / Double.pi
            let onLeft = cos(node.angle) < -1e-9
            let labelX = node.x + 10 * cos(node.angle), labelY = node.y + 10 * sin(node.angle)
            let rotation = onLeft ? degrees + 180 : degrees
            let scalars = Array(entity.label.unicodeScalars)
            var shown = String(String.UnicodeScalarView(scalars.prefix(maximumLabelLength)))
            if scalars.count > maximumLabelLength { shown = String(String.UnicodeScalarView(scalars.prefix(maximumLabelLength - 1))) + "…" }
            let title = "\(entity.label)\n\(entity.classes.joined(separator: ", "))\n\(entity.iri.value)\(isSpurious ? "\nfalse positive (not in gold)" : "")"
            svg += "<g class=\"node\(isSpurious ? " fp" : "")\" data-entity=\"\(HTMLText.attribute(entity.iri.value))\"><title>\(HTMLText.escape(title))</title>"
                + "<circle cx=\"\(number(node.x))\" cy=\"\(number(node.y))\" r=\"\(number(nodeRadius(degree[entity.iri] ?? 0)))\" "
                + "fill=\"\(ClassPalette.colour(forClass: entity.primaryClass))\" stroke=\"\(isSpurious ? "#c00000" : "#333333")\" stroke-width=\"\(isSpurious ? "2" : "0.8")\"/>"
                + "<text x=\"\(number(labelX))\" y=\"\(number(labelY))\" dy=\"0.35em\" text-anchor=\"\(onLeft ? "end" : "start")\" "
                + "transform=\"rotate(\(number(rotation)) \(number(labelX)) \(number(labelY)))\">\(HTMLText.escape(shown))</text></g>\n"
        }
        svg += "</g>\n</svg>"
        return svg
    }

    /// Larger for entities with more relations, capped so hubs do not cover their neighbours.
    static func nodeRadius(_ degree: Int) -> Double { 4 + Double(min(degree, 6)) * 0.7 }

    /// A coordinate with one decimal, formatted from an integer so no locale or float printing
    /// can change the bytes.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let magnitude = abs(tenths)
        let text = "\(magnitude / 10)" + (magnitude % 10 == 0 ? "" : ".\(magnitude % 10)")
        return tenths < 0 ? "-" + text : text
    }
}
