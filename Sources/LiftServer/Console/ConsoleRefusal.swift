/// Why a console form was refused, in the words the page shows.
struct ConsoleRefusal: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
