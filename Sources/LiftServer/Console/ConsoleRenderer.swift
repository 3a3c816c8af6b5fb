import Foundation
import LiftCore
import Mustache

/// Renders console pages from `ConsoleTemplates`: a page is a layout around parts (filters, a
/// table, forms, facts), each rendered by a template that escapes every value.
struct ConsoleRenderer: Sendable {
    static let shared = ConsoleRenderer()

    private let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        // The templates are constants of this module: a parse error is a programming error.
        for (name, template) in [
            ("layout", ConsoleTemplates.layout), ("signIn", ConsoleTemplates.signIn), ("filters", ConsoleTemplates.filters),
            ("field", ConsoleTemplates.field), ("table", ConsoleTemplates.table), ("form", ConsoleTemplates.form),
            ("facts", ConsoleTemplates.facts),
        ] {
            try! library.register(template, named: name)
        }
        self.library = library
    }

    // MARK: - Parts

    /// A form field.
    struct Field {
        enum Kind {
            case text, password, date, month, number, hidden, textarea, file
            case select([(value: String, name: String)])
        }
        var name: String
        var label: String
        var kind: Kind = .text
        var value: String = ""
        var list: String? = nil
        var maxLength: Int? = nil
        var required = false
        /// For a field without a label (a row's action), what it asks for.
        var placeholder: String? = nil

        var context: [String: Any] {
            var context: [String: Any] = ["name": name, "label": label, "value": value]
            if let placeholder { context["placeholder"] = placeholder }
            if let list { context["list"] = list }
            if let maxLength { context["maxLength"] = maxLength }
            if required { context["required"] = true }
            switch kind {
            case .hidden: context["isHidden"] = true
            case .textarea: context["isTextarea"] = true
            case .select(let options):
                context["isSelect"] = true
                context["options"] = options.map { ["value": $0.value, "name": $0.name, "selected": $0.value == value] }
            case .text, .password, .date, .month, .number, .file:
                context["isInput"] = true
                context["type"] = switch kind {
                case .password: "password"
                case .date: "date"
                case .month: "month"
                case .number: "number"
                case .file: "file"
                default: "text"
                }
            }
            return context
        }
    }

    /// A table cell: text, and optionally a link and a coloured tag.
    struct Cell {
        var text: String
        var href: String? = nil
        var tag: String? = nil
        var tagClass: String = ""
        var wrap = false

        init(_ text: String?, href: String? = nil, tag: String? = nil, tagClass: String = "", wrap: Bool = false) {
            self.text = text ?? ""
            self.href = href
            self.tag = tag
            self.tagClass = tagClass
            self.wrap = wrap
        }
    }

    /// A small POST form beside a row.
    struct Action {
        var action: String
        var name: String
        var label: String
        var fields: [Field] = []
        var secondary = false
    }

    struct Row {
        var cells: [Cell]
        var rowClass = ""
        var key = ""
        var actions: [Action] = []
    }

    struct Table {
        var id: String
        var headers: [String]
        var rows: [Row]
        var empty: String
        var caption: String? = nil
        var exports: [(name: String, href: String)] = []
        var previous: String? = nil
        var next: String? = nil
        var position: String? = nil
    }

    func filters(_ fields: [Field], submit: String, datalists: [String: [String]] = [:]) -> String {
        let context: [String: Any] = [
            "fields": fields.map(\.context), "submitLabel": submit,
            "datalists": datalists.sorted { $0.key < $1.key }.map { ["id": $0.key, "options": $0.value] },
        ]
        return library.render(context, withTemplate: "filters") ?? ""
    }

    func table(_ table: Table, csrf: String, language: Language) -> String {
        let hasActions = table.rows.contains { !$0.actions.isEmpty }
        var context: [String: Any] = [
            "id": table.id, "headers": table.headers, "hasActions": hasActions, "empty": table.empty,
            "columns": table.headers.count + (hasActions ? 1 : 0),
            "rows": table.rows.map { row -> [String: Any] in
                [
                    "rowClass": row.rowClass, "key": row.key,
                    "cells": row.cells.map { cell -> [String: Any] in
                        var context: [String: Any] = ["text": cell.text, "wrap": cell.wrap, "tagClass": cell.tagClass]
                        if let href = cell.href { context["href"] = href }
                        if let tag = cell.tag { context["tag"] = tag }
                        return context
                    },
                    "actions": row.actions.map { action -> [String: Any] in
                        [
                            "action": action.action, "name": action.name, "label": action.label, "csrf": csrf,
                            "fields": action.fields.map(\.context), "secondary": action.secondary,
                        ]
                    },
                ]
            },
        ]
        if let caption = table.caption { context["caption"] = caption }
        if !table.exports.isEmpty { context["exports"] = ["links": table.exports.map { ["name": $0.name, "href": $0.href] }] }
        if table.previous != nil || table.next != nil || table.position != nil {
            var pager: [String: Any] = [
                "previousLabel": language == .zh ? "上一页" : "Previous", "nextLabel": language == .zh ? "下一页" : "Next",
            ]
            if let previous = table.previous { pager["previous"] = previous }
            if let next = table.next { pager["next"] = next }
            if let position = table.position { pager["position"] = position }
            context["pager"] = pager
        }
        return library.render(context, withTemplate: "table") ?? ""
    }

    func form(
        id: String, title: String, action: String, fields: [Field], submit: String, csrf: String, intro: String? = nil, multipart: Bool = false
    ) -> String {
        var context: [String: Any] = [
            "id": id, "title": title, "action": action, "fields": fields.map(\.context), "submitLabel": submit, "csrf": csrf,
            "multipart": multipart,
        ]
        if let intro { context["intro"] = intro }
        return library.render(context, withTemplate: "form") ?? ""
    }

    func facts(title: String, rows: [(name: String, value: String, red: Bool)]) -> String {
        let context: [String: Any] = ["title": title, "rows": rows.map { ["name": $0.name, "value": $0.value, "red": $0.red] }]
        return library.render(context, withTemplate: "facts") ?? ""
    }

    // MARK: - Pages

    /// A whole console page around `body` (parts rendered by this renderer).
    func page(
        title: String, body: String, signIn: ConsoleSignIn, language: Language, nav: [(name: String, href: String)], here: String,
        switchURL: String, notice: String? = nil, error: String? = nil
    ) -> String {
        let account = signIn.account
        let who = [account.name ?? account.login, account.unit ?? [account.district, account.street].compactMap { $0 }.joined(separator: " ")]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
        var context: [String: Any] = [
            "lang": language == .zh ? "zh-CN" : "en", "css": ConsoleTemplates.css, "title": title, "body": body,
            "platform": PageText.text(.platform, language), "consoleName": language == .zh ? "工作台" : "Console",
            "who": who, "csrf": signIn.csrf, "signOut": language == .zh ? "退出" : "Sign out",
            "switchURL": switchURL, "switchLabel": language == .zh ? "English" : "中文",
            "nav": nav.map { ["name": $0.name, "href": $0.href, "here": $0.href == here] },
        ]
        if let notice { context["notice"] = notice }
        if let error { context["error"] = error }
        return library.render(context, withTemplate: "layout") ?? ""
    }

    /// The sign-in page.
    func signInPage(language: Language, csrf: String, login: String = "", error: String? = nil) -> String {
        var context: [String: Any] = [
            "lang": language == .zh ? "zh-CN" : "en", "css": ConsoleTemplates.css, "platform": PageText.text(.platform, language),
            "title": language == .zh ? "工作台登录" : "Console sign-in", "csrf": csrf, "login": login,
            "loginLabel": language == .zh ? "账号" : "Login", "passwordLabel": language == .zh ? "密码" : "Password",
            "submitLabel": language == .zh ? "登录" : "Sign in", "langQuery": language == .en ? "?lang=en" : "",
            "switchURL": language == .zh ? "/console/?lang=en" : "/console/?lang=zh", "switchLabel": language == .zh ? "English" : "中文",
        ]
        if let error { context["error"] = error }
        return library.render(context, withTemplate: "signIn") ?? ""
    }
}
