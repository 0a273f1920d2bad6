extension Array {
    /// Visits each element where it is, with its position. `for element in array` copies each element, which for
    /// an `Entry` (two dozen fields, most of them reference-counted) is most of what a loop over ten thousand
    /// entries costs on every rebuild.
    @inlinable
    public func forEachInPlace(_ body: (Element, Int) throws -> Void) rethrows {
        try withUnsafeBufferPointer { elements in
            for index in elements.indices { try body(elements[index], index) }
        }
    }
}
